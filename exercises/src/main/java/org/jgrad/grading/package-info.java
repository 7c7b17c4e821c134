/**
 * Graded exercises: the checks students see in exercise cells, and the instructor's side —
 * release (student versions), validation before hand-in, autograding, gradebook and feedback —
 * on nbgrader's cell metadata and markers.
 */
package org.jgrad.grading;

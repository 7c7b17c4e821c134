/**
 * Pictures for the notebooks: Tablesaw figures and computational graphs.
 *
 * <ul>
 *   <li>{@link org.jgrad.plot.Plots}: the figures the lectures draw (a function with its
 *       derivative, loss curves, log-log error plots, decision regions, contours with optimizer
 *       paths, histograms per layer), as Tablesaw {@code Figure}s.</li>
 *   <li>{@link org.jgrad.plot.StaticFigure}: any Tablesaw {@code Figure} as plotly JSON (for an
 *       interactive view) or as a static SVG drawn in Java (for offline views, exported HTML and
 *       code hosts).</li>
 *   <li>{@link org.jgrad.plot.GraphView}: a {@code Value} or {@code Tensor} graph as SVG, with the
 *       data and gradient of every node.</li>
 * </ul>
 *
 * <p>Nothing here knows about Jupyter: the kernel's renderers ask for these strings.
 */
package org.jgrad.plot;

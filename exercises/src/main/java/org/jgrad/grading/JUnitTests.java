package org.jgrad.grading;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;

/** Runs a class's @Test methods (declared in a cell) through the JUnit Platform launcher, one card per test. */
final class JUnitTests {
    private JUnitTests() {}

    static void run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass))
                // cells' classes are nested in JShell's wrapper classes; find them without the class path scan
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        List<CheckResult> results = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (!id.isTest()) {
                    if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        // a container failing (a constructor or @BeforeAll threw) fails its tests too
                        results.add(failure(testClass.getSimpleName(), r.getThrowable().orElse(null)));
                    }
                    return;
                }
                String name = testClass.getSimpleName() + "." + id.getDisplayName();
                results.add(r.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                        ? new CheckResult(name, true, null, null, null, null)
                        : failure(name, r.getThrowable().orElse(null)));
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) results.add(new CheckResult(testClass.getSimpleName() + "." + id.getDisplayName(), false, null, null, null, "skipped: " + reason));
            }
        });
        if (results.isEmpty()) {
            results.add(new CheckResult(testClass.getSimpleName(), false, null, null, null,
                    "no @Test methods ran (is the class declared in a cell, with methods annotated @Test?)"));
        }
        CheckFailed first = null;
        for (CheckResult result : results) {
            try {
                Check.reportResult(result);
            } catch (CheckFailed f) {
                if (first == null) first = f;
            }
        }
        if (first != null) {
            long failed = results.stream().filter(r -> !r.passed()).count();
            throw new CheckFailed(failed + " of " + results.size() + " tests failed; first: " + first.getMessage());
        }
    }

    private static CheckResult failure(String name, Throwable t) {
        if (t instanceof AssertionFailedError e) {
            return new CheckResult(name, false,
                    e.isExpectedDefined() ? e.getExpected().getStringRepresentation() : null,
                    e.isActualDefined() ? e.getActual().getStringRepresentation() : null, null,
                    e.getMessage() == null ? null : Values.shorten(e.getMessage().lines().findFirst().orElse(""), 300));
        }
        if (t instanceof org.jgrad.kernel.eval.Guard.Interrupted i) throw i;
        return new CheckResult(name, false, null, null, null, t == null ? "failed" : Check.threw(t));
    }
}

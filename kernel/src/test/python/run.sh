#!/usr/bin/env bash
# Runs the real-protocol tests against a kernelspec installed into kernel/target/jupyter.
# Skipped (with the reason printed) when jupyter_kernel_test is missing, unless CI=true: then it fails.
set -uo pipefail
KDIR="$(cd "$(dirname "$0")/../../.." && pwd)"     # kernel/
PY=""
# the project's .venv (requirements.txt, made by ./course venv) first; a system Jupyter otherwise
for py in "$KDIR/../.venv/bin/python" python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import jupyter_kernel_test, nbclient, jupyter_client' >/dev/null 2>&1; then PY="$py"; break; fi
done
if [[ -z "$PY" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "protocol tests: FAILED: jupyter_kernel_test/nbclient not importable (CI=true). Run ./course venv" >&2
    exit 1
  fi
  echo "protocol tests: SKIPPED: jupyter_kernel_test/nbclient not importable (./course venv installs them)"
  exit 0
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "$KDIR/target/jgrad-kernel-0.1.0-SNAPSHOT.jar:$KDIR/target/lib/*" org.jgrad.kernel.Launcher \
  install --prefix "$KDIR/target/jupyter" --name jgrad-test --no-cds || exit 1
export JUPYTER_PATH="$KDIR/target/jupyter/share/jupyter"
export JGRAD_KERNEL_NAME=jgrad-test
export PYDEVD_DISABLE_FILE_VALIDATION=1
cd "$KDIR/src/test/python"
"$PY" -Xfrozen_modules=off -m unittest -v test_protocol test_notebooks_valid test_soak || exit 1
(unset JUPYTER_PATH JGRAD_KERNEL_NAME; "$PY" -Xfrozen_modules=off -m unittest -v test_site) || exit 1
(unset JUPYTER_PATH JGRAD_KERNEL_NAME; "$PY" -Xfrozen_modules=off -m unittest -v test_course_command test_classroom) || exit 1

# Figures in a real browser: nbconvert HTML offline, the classic Notebook live, and a student's
# hour in JupyterLab 4 (run all, interactive figures, progress, completion, errors, interrupt, restart).
# plotly.js for the live notebook comes from the npm registry, as ./course install gets it.
PLOTLY="$KDIR/target/plotly/package/plotly.min.js"
if [[ ! -f "$PLOTLY" ]] && command -v npm >/dev/null; then
  mkdir -p "$KDIR/target/plotly"
  (cd "$KDIR/target/plotly" && npm pack -s plotly.js-dist-min@2.35.2 >/dev/null 2>&1 && tar -xzf plotly.js-dist-min-*.tgz) \
    || echo "browser tests: could not fetch plotly.js with npm"
fi
export JGRAD_PLOTLY="$PLOTLY"
export JGRAD_LAUNCHER="$JAVA -cp $KDIR/target/jgrad-kernel-0.1.0-SNAPSHOT.jar:$KDIR/target/lib/* org.jgrad.kernel.Launcher"
export JGRAD_SCREENSHOTS="$KDIR/target/screenshots"
unset JUPYTER_PATH JGRAD_KERNEL_NAME
exec "$PY" -Xfrozen_modules=off -m unittest -v test_figures_browser test_jupyterlab_browser

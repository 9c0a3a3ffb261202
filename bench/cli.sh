#!/usr/bin/env bash
# CLI benchmark (SPEC §14): wall time of whole commands, akua beside the
# tools it replaces, on the same inputs, the median of N runs each.
#
#   bench/cli.sh [runs]
#
# helm and kustomize are taken from $AKUA_HELM / $AKUA_KUSTOMIZE, else
# PATH, else the cache the equivalence tests build them into
# ($AKUA_TOOL_CACHE or ~/.cache/akua-test-tools); a missing tool's rows
# are skipped. akua never runs these tools itself.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
make -s build
akua=./bin/akua
cache=${AKUA_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/akua-test-tools}

find_tool() { # name env-var
  local v=${!2:-}
  if [[ -n $v ]]; then echo "$v"; return; fi
  if command -v "$1" >/dev/null; then command -v "$1"; return; fi
  find "$cache" -type f -name "$1" 2>/dev/null | head -1
}
helm=$(find_tool helm AKUA_HELM)
kustomize=$(find_tool kustomize AKUA_KUSTOMIZE)

# median prints the median wall time in ms of running "$@" $runs times.
median() {
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"{ts[len(ts)//2]*1000:8.1f} ms")
PY
}

row() { printf '%-58s %s\n' "$1" "$(median "${@:2}")"; }

row "akua version" $akua version
row "akua render hello (pure KCL, 3 resources)" $akua render --package examples/hello --stdout
row "akua render bench/render500 (pure KCL, 500 resources)" $akua render --package bench/render500 --stdout
row "akua render helm-hello (one chart)" $akua render --package examples/helm-hello --stdout
if [[ -n $helm ]]; then
  row "helm template examples/helm-hello/charts/hello" "$helm" template hello examples/helm-hello/charts/hello -n demo --kube-version v1.37.0
fi
row "akua render webapp (realistic chart)" $akua render --package examples/webapp --stdout
if [[ -n $helm ]]; then
  row "helm template examples/webapp/charts/webapp" "$helm" template storefront examples/webapp/charts/webapp --kube-version v1.37.0
fi
row "akua render kustomize-hello (base + prod overlay)" $akua render --package examples/kustomize-hello --stdout
if [[ -n $kustomize ]]; then
  row "kustomize build examples/kustomize-hello/overlays/prod" "$kustomize" build examples/kustomize-hello/overlays/prod
fi

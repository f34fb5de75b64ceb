#!/usr/bin/env bash
# Builds the test control plane from pinned upstream Go modules: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl and kwok, into $SHIPSHAPE_CP_CACHE/bin
# (default: .cache/control-plane/bin in the repository, ignored by git).
#
# - Versions: versions.env; the Kubernetes and etcd builds use only what go/*/go.sum pins
#   (-mod=readonly on a copy of the wrapper module, so nothing committed is ever rewritten);
#   kwok is `go install`ed at its pinned version, checked against the Go checksum database.
# - Go's module and build caches live under the same cache folder, so a second clone can
#   share one cache: SHIPSHAPE_CP_CACHE=/somewhere/shared npm run cluster:build.
# - A stamp of every input (versions, go.mod/go.sum/tools.go, this script, the Go version)
#   makes a second run with the same pins return at once.
# - A cold build takes about 10 minutes on 2 cores and downloads about 1 GB of modules.
#
# Environment: SHIPSHAPE_CP_CACHE (cache root), SHIPSHAPE_CP_JOBS (go build -p, default 2),
# SHIPSHAPE_CP_FORCE=1 (rebuild even if the stamp matches).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

cache="${SHIPSHAPE_CP_CACHE:-$root/.cache/control-plane}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
bin="$cache/bin"
jobs="${SHIPSHAPE_CP_JOBS:-2}"

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
command -v go >/dev/null 2>&1 || {
  echo "build.sh: Go is not installed (need Go >= $(awk '/^go /{print $2}' "$here/go/kubernetes/go.mod"))" >&2
  exit 1
}

export GOMODCACHE="$cache/go/mod" GOCACHE="$cache/go/build" GOPATH="$cache/go/path"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOWORK=off GOFLAGS="-modcacherw -buildvcs=false"
unset GOOS GOARCH

binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok)
stamp_of_inputs() {
  {
    go env GOVERSION GOOS GOARCH
    cat "$here/versions.env" "$here/build.sh"
    cat "$here"/go/kubernetes/{go.mod,go.sum,tools.go} "$here"/go/etcd/{go.mod,go.sum,tools.go}
  } | sha256sum | cut -d' ' -f1
}
stamp="$(stamp_of_inputs)"
up_to_date() {
  [ "${SHIPSHAPE_CP_FORCE:-0}" != 1 ] || return 1
  [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ] || return 1
  for b in "${binaries[@]}"; do [ -x "$bin/$b" ] || return 1; done
}
if up_to_date; then
  echo "control plane up to date in $bin (Kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION)"
  exit 0
fi

# One build at a time per cache (two test runs may start together).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.build.lock"
  flock 9
  if up_to_date; then
    echo "control plane up to date in $bin (built by a concurrent run)"
    exit 0
  fi
fi

start=$SECONDS
step_start=$SECONDS
step() {
  echo "  $1 after $((SECONDS - step_start))s (total $((SECONDS - start))s)"
  step_start=$SECONDS
}
echo "building the control plane into $bin: Kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION ($(go env GOVERSION), -p $jobs)"

staging="$cache/staging"
rm -rf "$staging"
mkdir -p "$staging/out" "$cache/src"
for wrapper in kubernetes etcd; do
  rm -rf "$cache/src/$wrapper"
  cp -R "$here/go/$wrapper" "$cache/src/$wrapper"
done

build=(nice -n 10 go build -mod=readonly -p "$jobs" -trimpath)

minor="${KUBERNETES_VERSION#v1.}"
minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
(
  cd "$cache/src/kubernetes"
  "${build[@]}" -ldflags "$ldflags" -o "$staging/out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
)
step "kube-apiserver, kube-controller-manager, kube-scheduler, kubectl built"

(
  cd "$cache/src/etcd"
  "${build[@]}" -ldflags "-s -w" -o "$staging/out/etcd" go.etcd.io/etcd/server/v3
)
step "etcd built"

(
  cd "$staging"
  GOBIN="$staging/out" nice -n 10 go install -p "$jobs" -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
)
step "kwok built"

"$staging/out/kube-apiserver" --version
"$staging/out/etcd" --version | sed -n 1p
"$staging/out/kwok" --version

mkdir -p "$bin"
for b in "${binaries[@]}"; do
  mv -f "$staging/out/$b" "$bin/$b"
done
echo "$stamp" >"$bin/.stamp"
rm -rf "$staging"
echo "control plane built in $((SECONDS - start))s into $bin"

#!/usr/bin/env bash
# Builds envtest's control plane (kube-apiserver and etcd) from the Go modules pinned in
# hack/envtest/*/go.mod into bin/k8s/. The machines have no internet, so setup-envtest's
# download cannot work; the module proxy can. A stamp (hash of the pinning go.mod/go.sum and the
# Go version) makes a second run a no-op while nothing changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bin/k8s"
mkdir -p "$out"

build() { # name dir package
  local name=$1 dir=$2 pkg=$3
  local stamp
  stamp=$(cat "$dir/go.mod" "$dir/go.sum" <(go version) | sha256sum | cut -c1-16)
  if [[ -x "$out/$name" && -f "$out/$name.stamp" && "$(cat "$out/$name.stamp")" == "$stamp" ]]; then
    return 0
  fi
  echo "envtest: building $name from $pkg pinned in ${dir#$root/}/go.mod (first time only; takes minutes)" >&2
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$out/$name.tmp" "$pkg")
  mv "$out/$name.tmp" "$out/$name"
  echo "$stamp" > "$out/$name.stamp"
}

build etcd "$root/hack/envtest/etcd" go.etcd.io/etcd/server/v3
build kube-apiserver "$root/hack/envtest/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
echo "$out"

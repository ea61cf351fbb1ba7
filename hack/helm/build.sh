#!/usr/bin/env bash
# Builds the helm CLI pinned by hack/helm/go.mod into $1 (default bin/helm), with the version
# stamps helm's own Makefile sets: its version, and the Kubernetes version `helm template` and
# `helm lint` assume (from the client-go it is built with; unset, helm assumes v1.20).
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-../../bin/helm}"
helm_version="$(go list -m -f '{{.Version}}' helm.sh/helm/v3)"
k8s="$(go list -m -f '{{.Version}}' k8s.io/client-go)"   # v0.MINOR.PATCH -> 1.MINOR
minor="$(echo "$k8s" | cut -d. -f2)"
go build -trimpath -o "$out" -ldflags "\
 -X helm.sh/helm/v3/internal/version.version=${helm_version} \
 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=${minor} \
 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=${minor}" \
 helm.sh/helm/v3/cmd/helm

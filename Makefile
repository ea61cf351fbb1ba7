# auth0-operator. `make test` runs every test; `make demo` runs the operator on an embedded
# default (a local control plane and the Auth0 simulator). Both build what they need.
SHELL := /usr/bin/env bash -o pipefail
.SHELLFLAGS := -ec

BIN := $(CURDIR)/bin
CONTROLLER_GEN := go tool -modfile=hack/tools/go.mod controller-gen
KUBEBUILDER_ASSETS := $(BIN)/k8s
export KUBEBUILDER_ASSETS

.PHONY: all
all: build

##@ Development

.PHONY: manifests
manifests: ## Generate CRDs and RBAC from the markers in api/ and controllers/.
	$(CONTROLLER_GEN) rbac:roleName=auth0-operator crd:allowDangerousTypes=false,maxDescLen=512 paths="./api/...;./controllers/..." \
		output:crd:artifacts:config=config/crd/bases output:rbac:artifacts:config=config/rbac

.PHONY: generate
generate: ## Generate the DeepCopy methods.
	$(CONTROLLER_GEN) object:headerFile="hack/boilerplate.go.txt" paths="./api/..."

.PHONY: fmt
fmt:
	go fmt ./...

.PHONY: vet
vet:
	go vet ./...

.PHONY: envtest
envtest: ## Build envtest's kube-apiserver and etcd from pinned modules (once).
	hack/envtest.sh

.PHONY: build
build: ## Build the operator and the simulator into bin/.
	go build -o $(BIN)/auth0-operator ./cmd/auth0-operator
	go build -o $(BIN)/auth0-sim ./cmd/auth0-sim

.PHONY: demo
demo: envtest build ## Run the operator on an embedded default (control plane + simulator), samples applied.
	go build -o $(BIN)/demo ./hack/demo
	$(BIN)/demo

##@ Test

.PHONY: test
test: envtest build ## Run every test: unit, envtest integration, generated-files check, vet.
	go vet ./...
	go test -race -count=1 -timeout 30m ./... 2>&1 | tee $(BIN)/test.log

.PHONY: verify-generated
verify-generated: ## Fail when generated files are out of date.
	go test -count=1 -run TestGeneratedFilesUpToDate ./api/...

##@ Helm chart and observability (charts/, hack/helm/, config/prometheus/, config/grafana/, test/chart/)

HELM := $(BIN)/helm
CHART := charts/auth0-operator

.PHONY: helm
helm: ## Build the helm CLI pinned by hack/helm/go.mod into bin/helm.
	hack/helm/build.sh $(HELM)

.PHONY: chart-sync
chart-sync: ## Copy the generated CRDs, RBAC rules, alert rules and dashboard into the chart (run after `make manifests`).
	mkdir -p $(CHART)/files/crds $(CHART)/files/rbac $(CHART)/files/prometheus $(CHART)/files/grafana
	rm -f $(CHART)/files/crds/*.yaml
	cp config/crd/bases/*.yaml $(CHART)/files/crds/
	cp config/rbac/role.yaml $(CHART)/files/rbac/role.yaml
	cp config/prometheus/alerts.yaml $(CHART)/files/prometheus/alerts.yaml
	cp config/grafana/auth0-operator.json $(CHART)/files/grafana/auth0-operator.json

.PHONY: chart-lint
chart-lint: helm ## helm lint the chart with its default and example values.
	$(HELM) lint --strict $(CHART)
	$(HELM) lint --strict $(CHART) -f $(CHART)/examples/values-dev.yaml
	$(HELM) lint --strict $(CHART) -f $(CHART)/examples/values-prod.yaml

.PHONY: test-chart
test-chart: envtest ## Lint, render and server-side dry-run the chart against envtest (test/chart).
	go test -count=1 -timeout 15m ./test/chart/...

##@ Benchmarks

BENCH_ARGS ?=

.PHONY: bench
bench: envtest build ## Measure convergence, calls, 429s and steady state against the simulator (BENCH_ARGS="-apps 1000").
	go build -o $(BIN)/bench ./hack/bench
	$(BIN)/bench $(BENCH_ARGS)

{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "auth0-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, with the chart name appended unless it already contains it. */}}
{{- define "auth0-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "auth0-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "auth0-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "auth0-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "auth0-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: auth0-operator
{{- end }}

{{- define "auth0-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "auth0-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "auth0-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Resources that exist outside any namespace, as "group/plural": the Kubernetes ones the operator
could plausibly be granted, and every cluster-scoped CRD shipped in files/crds (so a new
cluster-scoped kind is picked up by `make chart-sync`, not by editing this list).
*/}}
{{- define "auth0-operator.clusterScopedResources" -}}
{{- $scoped := list "/namespaces" "/nodes" "/persistentvolumes" "apiextensions.k8s.io/customresourcedefinitions" "rbac.authorization.k8s.io/clusterroles" "rbac.authorization.k8s.io/clusterrolebindings" "storage.k8s.io/storageclasses" "scheduling.k8s.io/priorityclasses" "admissionregistration.k8s.io/validatingwebhookconfigurations" "admissionregistration.k8s.io/mutatingwebhookconfigurations" "authentication.k8s.io/tokenreviews" "authorization.k8s.io/subjectaccessreviews" -}}
{{- range $path, $_ := .Files.Glob "files/crds/*.yaml" }}
{{- $crd := fromYaml ($.Files.Get $path) }}
{{- if eq $crd.spec.scope "Cluster" }}
{{- $scoped = append $scoped (printf "%s/%s" $crd.spec.group $crd.spec.names.plural) }}
{{- end }}
{{- end }}
{{- toJson $scoped }}
{{- end }}

{{/* The operator's rules, generated from the RBAC markers (config/rbac/role.yaml, copied by `make chart-sync`). */}}
{{- define "auth0-operator.rules" -}}
{{- $role := fromYaml (.Files.Get "files/rbac/role.yaml") }}
{{- if not $role.rules }}
{{- fail "files/rbac/role.yaml has no rules: run `make chart-sync`" }}
{{- end }}
{{- toJson $role.rules }}
{{- end }}

{{/*
The operator's rules split for namespaced mode: {"cluster": [...], "namespaced": [...]}.
A rule is split per API group, and its resources by where they live; subresources
("clustertenants/status") follow their resource.
*/}}
{{- define "auth0-operator.splitRules" -}}
{{- $scoped := include "auth0-operator.clusterScopedResources" . | fromJsonArray }}
{{- $cluster := list }}
{{- $namespaced := list }}
{{- range $rule := include "auth0-operator.rules" . | fromJsonArray }}
{{- if $rule.nonResourceURLs }}
{{- $cluster = append $cluster $rule }}
{{- else }}
{{- range $group := $rule.apiGroups }}
{{- $c := list }}
{{- $n := list }}
{{- range $res := $rule.resources }}
{{- if has (printf "%s/%s" $group (first (splitList "/" $res))) $scoped }}
{{- $c = append $c $res }}
{{- else }}
{{- $n = append $n $res }}
{{- end }}
{{- end }}
{{- if $c }}
{{- $cluster = append $cluster (merge (dict "apiGroups" (list $group) "resources" $c) (omit $rule "apiGroups" "resources")) }}
{{- end }}
{{- if $n }}
{{- $namespaced = append $namespaced (merge (dict "apiGroups" (list $group) "resources" $n) (omit $rule "apiGroups" "resources")) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson (dict "cluster" $cluster "namespaced" $namespaced) }}
{{- end }}

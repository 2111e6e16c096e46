{{/* The five services, in port order (DESIGN.md §1). */}}
{{- define "lab.serviceNames" -}}
project-service annotation-service training-service deploy-service preannotation-service
{{- end }}

{{/* Name of a release object: <release>-<name>. Argument: dict root, name. */}}
{{- define "lab.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Selector labels. Argument: dict root, component. */}}
{{- define "lab.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Labels of every object. Argument: dict root, component. */}}
{{- define "lab.labels" -}}
{{ include "lab.selectorLabels" . }}
app.kubernetes.io/part-of: annotation-lab
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
A service's settings: serviceDefaults with each key the service sets replacing the default
wholesale, except properties, which are merged (the service's win). Argument: dict root, name.
Returns YAML; use with fromYaml.
*/}}
{{- define "lab.serviceConfig" -}}
{{- $svc := index .root.Values .name -}}
{{- $config := deepCopy .root.Values.serviceDefaults -}}
{{- range $key, $value := $svc }}
{{- $_ := set $config $key $value }}
{{- end }}
{{- $properties := merge (deepCopy (default (dict) $svc.properties)) (deepCopy (default (dict) .root.Values.serviceDefaults.properties)) -}}
{{- $_ := set $config "properties" $properties -}}
{{- toYaml $config -}}
{{- end }}

{{/* An image reference. Argument: dict registry, repository, tag. */}}
{{- define "lab.image" -}}
{{- if .registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .registry) .repository .tag -}}
{{- else -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}
{{- end }}

{{/* A service's image: <image.registry>/annotationlab/<service>:<tag>. Argument: dict root, name, config. */}}
{{- define "lab.serviceImage" -}}
{{- $image := default (dict) .config.image -}}
{{- $tag := $image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- $repository := $image.repository | default (printf "annotationlab/%s" .name) -}}
{{- include "lab.image" (dict "registry" .root.Values.image.registry "repository" $repository "tag" $tag) -}}
{{- end }}

{{/* The nlp-runner image of training Jobs and model servers. Argument: root. */}}
{{- define "lab.nlpRunnerImage" -}}
{{- $image := .Values.nlpRunner.image -}}
{{- $tag := $image.tag | default .Values.image.tag | default .Chart.AppVersion -}}
{{- include "lab.image" (dict "registry" ($image.registry | default .Values.image.registry) "repository" $image.repository "tag" $tag) -}}
{{- end }}

{{/* In-cluster URL of a service. Argument: dict root, name. */}}
{{- define "lab.serviceUrl" -}}
{{- printf "http://%s:%v" (include "lab.name" .) (index .root.Values .name).port -}}
{{- end }}

{{/* The Secret a service reads LAB_DB_PASSWORD and QUARKUS_OIDC_CREDENTIALS_SECRET from. Argument: dict root, name. */}}
{{- define "lab.serviceSecretName" -}}
{{- (index .root.Values .name).existingSecret | default (include "lab.name" .) -}}
{{- end }}

{{/*
A generated secret value that survives upgrades: the value already in the Secret when there
is one (lookup), else a new random one. Argument: dict root, secret, key.
*/}}
{{- define "lab.generatedSecret" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- $data := default (dict) (get (default (dict) $existing) "data") -}}
{{- if hasKey $data .key -}}
{{- index $data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 32 -}}
{{- end -}}
{{- end }}

{{/* PostgreSQL host and port, bundled or external. Argument: root. */}}
{{- define "lab.postgresqlAddress" -}}
{{- if .Values.postgresql.bundled.enabled -}}
{{- printf "%s:5432" (include "lab.name" (dict "root" . "name" "postgresql")) -}}
{{- else -}}
{{- printf "%s:%v" .Values.postgresql.host .Values.postgresql.port -}}
{{- end -}}
{{- end }}

{{/* host:port/database[?parameters]. Argument: dict root, database. */}}
{{- define "lab.databaseLocation" -}}
{{- $location := printf "%s/%s" (include "lab.postgresqlAddress" .root) .database -}}
{{- with .root.Values.postgresql.urlParameters -}}
{{- $location = printf "%s?%s" $location . -}}
{{- end -}}
{{- $location -}}
{{- end }}

{{/* Kafka bootstrap servers, bundled or external. Argument: root. */}}
{{- define "lab.kafkaBootstrap" -}}
{{- if .Values.kafka.bundled.enabled -}}
{{- printf "%s:9092" (include "lab.name" (dict "root" . "name" "kafka")) -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end }}

{{/* Where the services discover the realm annotationlab (LAB_OIDC_URL). Argument: root. */}}
{{- define "lab.oidcUrl" -}}
{{- if .Values.keycloak.bundled.enabled -}}
{{- printf "http://%s:8080/auth/realms/annotationlab" (include "lab.name" (dict "root" . "name" "keycloak")) -}}
{{- else -}}
{{- .Values.keycloak.issuerUrl -}}
{{- end -}}
{{- end }}

{{/* Public URL of the bundled Keycloak (KC_HOSTNAME); empty when it cannot be known. Argument: root. */}}
{{- define "lab.keycloakHostname" -}}
{{- if .Values.keycloak.bundled.hostname -}}
{{- .Values.keycloak.bundled.hostname -}}
{{- else if and (or .Values.gateway.httpRoute.enabled .Values.gateway.ingress.enabled) .Values.gateway.keycloak .Values.gateway.host -}}
{{- printf "%s://%s/auth" (ternary "https" "http" .Values.gateway.tls) .Values.gateway.host -}}
{{- end -}}
{{- end }}

{{/* Name of the model-store claim. Argument: root. */}}
{{- define "lab.modelStoreClaim" -}}
{{- .Values.modelStore.existingClaim | default (include "lab.name" (dict "root" . "name" "model-store")) -}}
{{- end }}

{{/*
Pod template of an nlp-runner workload, shared by training Jobs and model servers.
Argument: dict root, component, settings (job or modelServer values), readOnlyStore,
restartPolicy (optional), port (optional: adds the port and the nlp-runner health probes).
*/}}
{{- define "lab.workloadPod" -}}
{{- $root := .root -}}
metadata:
  labels:
    app.kubernetes.io/name: {{ .component }}
    app.kubernetes.io/instance: {{ $root.Release.Name }}
    app.kubernetes.io/part-of: annotation-lab
  {{- with .settings.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .restartPolicy }}
  restartPolicy: {{ . }}
  {{- end }}
  serviceAccountName: {{ include "lab.name" (dict "root" $root "name" "nlp-runner") }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  securityContext:
    {{- toYaml $root.Values.nlpRunner.podSecurityContext | nindent 4 }}
  {{- with $root.Values.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  {{- with .settings.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .settings.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .settings.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  volumes:
    - name: model-store
      persistentVolumeClaim:
        claimName: {{ include "lab.modelStoreClaim" $root }}
        readOnly: {{ .readOnlyStore }}
    - name: tmp
      emptyDir: {}
  containers:
    - name: nlp-runner
      image: {{ include "lab.nlpRunnerImage" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      terminationMessagePolicy: FallbackToLogsOnError
      {{- with .port }}
      ports:
        - name: http
          containerPort: {{ . }}
      readinessProbe:
        httpGet:
          path: /health/ready
          port: http
        periodSeconds: 10
        failureThreshold: 3
      livenessProbe:
        httpGet:
          path: /health/live
          port: http
        periodSeconds: 20
        failureThreshold: 3
      {{- end }}
      resources:
        {{- toYaml .settings.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.nlpRunner.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: model-store
          mountPath: {{ $root.Values.modelStore.mountPath }}
          readOnly: {{ .readOnlyStore }}
        - name: tmp
          mountPath: /tmp
{{- end }}

{{/* JobSpec template of a training run (training-service's LAB_WORKLOAD_TEMPLATE). Argument: root. */}}
{{- define "lab.trainingJobSpec" -}}
{{- $job := (index .Values "training-service").job -}}
backoffLimit: {{ $job.backoffLimit }}
{{- with $job.activeDeadlineSeconds }}
activeDeadlineSeconds: {{ . }}
{{- end }}
{{- with $job.ttlSecondsAfterFinished }}
ttlSecondsAfterFinished: {{ . }}
{{- end }}
template:
  {{- include "lab.workloadPod" (dict "root" . "component" "training-job" "settings" $job "readOnlyStore" false "restartPolicy" "Never") | nindent 2 }}
{{- end }}

{{/* DeploymentSpec template of a model server (deploy-service's LAB_WORKLOAD_TEMPLATE). Argument: root. */}}
{{- define "lab.modelServerSpec" -}}
{{- $server := (index .Values "deploy-service").modelServer -}}
replicas: {{ $server.replicas }}
template:
  {{- include "lab.workloadPod" (dict "root" . "component" "model-server" "settings" $server "readOnlyStore" true "port" $server.port) | nindent 2 }}
{{- end }}

{{/*
The rows of routes.json this release serves, each with its backend Service and port, as JSON
{"routes": [...]}: a disabled service's rows are left out, and the Keycloak row unless Keycloak
is bundled and gateway.keycloak is on. Argument: root.
*/}}
{{- define "lab.gatewayRoutes" -}}
{{- $root := . -}}
{{- $routes := list -}}
{{- range (.Files.Get "routes.json" | fromJson).routes -}}
{{- if eq .service "keycloak" -}}
{{- if and $root.Values.keycloak.bundled.enabled $root.Values.gateway.keycloak -}}
{{- $routes = append $routes (merge (dict "backend" (include "lab.name" (dict "root" $root "name" "keycloak")) "port" 8080) .) -}}
{{- end -}}
{{- else -}}
{{- $values := index $root.Values .service -}}
{{- if $values.enabled -}}
{{- $routes = append $routes (merge (dict "backend" (include "lab.name" (dict "root" $root "name" .service)) "port" $values.port) .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- dict "routes" $routes | toJson -}}
{{- end }}

{{/* A routes.json row as an ingress-nginx regex path for the rewrite /$1$2. Argument: the row. */}}
{{- define "lab.ingressPath" -}}
{{- $segments := splitList "/" .prefix -}}
{{- $last := last $segments -}}
{{- if eq .rewrite "/" -}}
{{- $closed := list -}}
{{- range .closed }}{{ $closed = append $closed (printf "%s(?:/|$)" .) }}{{ end -}}
{{- if $closed -}}
{{- printf "%s/()((?!%s).*)" (trimSuffix "/" .prefix) (join "|" $closed) -}}
{{- else -}}
{{- printf "%s/()(.*)" (trimSuffix "/" .prefix) -}}
{{- end -}}
{{- else if eq .rewrite (printf "/%s" $last) -}}
{{- printf "%s/(%s)(/.*|$)" (join "/" (initial $segments)) $last -}}
{{- else -}}
{{- fail (printf "routes.json: an Ingress cannot rewrite %s to %s (only to / or /%s)" .prefix .rewrite $last) -}}
{{- end -}}
{{- end }}

{{/* Chart name and the release's full name (prefix of every resource) */}}
{{- define "csp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "csp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every resource of the release carries */}}
{{- define "csp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "csp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: csp-channel
{{- end -}}

{{/* Selector of all the release's pods */}}
{{- define "csp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "csp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
One service, resolved: serviceDefaults merged with services.<key>. Call with (dict "root" $ "key" $key "cfg" $cfg);
returns YAML (use fromYaml).
*/}}
{{- define "csp.service" -}}
{{- $merged := mergeOverwrite (deepCopy (.root.Values.serviceDefaults | default dict)) (deepCopy .cfg) -}}
{{- $_ := set $merged "key" .key -}}
{{- $_ := set $merged "fullname" (printf "%s-%s" (include "csp.fullname" .root) $merged.name | trunc 63 | trimSuffix "-") -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Labels and selector labels of one service's resources. Call with (dict "root" $ "svc" $svc). */}}
{{- define "csp.serviceLabels" -}}
{{ include "csp.labels" .root }}
app.kubernetes.io/component: {{ .svc.name }}
{{- end -}}

{{- define "csp.serviceSelectorLabels" -}}
{{ include "csp.selectorLabels" .root }}
app.kubernetes.io/component: {{ .svc.name }}
{{- end -}}

{{/* The image of one service: pinned tag (default appVersion) or digest. Call with (dict "root" $ "svc" $svc). */}}
{{- define "csp.image" -}}
{{- $image := .root.Values.image -}}
{{- $svcImage := .svc.image | default dict -}}
{{- $registry := $svcImage.registry | default $image.registry -}}
{{- $repository := required (printf "services.%s.image.repository is required" .svc.key) $svcImage.repository -}}
{{- $digest := $svcImage.digest | default $image.digest -}}
{{- $tag := toString ($svcImage.tag | default $image.tag | default .root.Chart.AppVersion) -}}
{{- if eq $tag "latest" -}}
{{- fail (printf "image tag of %s is \"latest\": pin a version (default: the chart's appVersion) or a digest" .svc.name) -}}
{{- end -}}
{{- $ref := ternary $repository (printf "%s/%s" $registry $repository) (empty $registry) -}}
{{- if $digest -}}
{{- printf "%s@%s" $ref $digest -}}
{{- else -}}
{{- printf "%s:%s" $ref $tag -}}
{{- end -}}
{{- end -}}

{{/* The CloudNativePG cluster of one service's database */}}
{{- define "csp.dbCluster" -}}
{{- printf "%s-%s-db" (include "csp.fullname" .root) .svc.key | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "csp.dbUrl" -}}
{{- if .svc.database.url -}}
{{- .svc.database.url -}}
{{- else if .root.Values.postgres.cnpg.enabled -}}
{{- printf "jdbc:postgresql://%s-rw:5432/%s" (include "csp.dbCluster" .) .svc.database.name -}}
{{- else -}}
{{- printf "jdbc:postgresql://%s:%v/%s" .root.Values.postgres.external.host (.root.Values.postgres.external.port | default 5432) .svc.database.name -}}
{{- end -}}
{{- end -}}

{{- define "csp.dbSecret" -}}
{{- if .svc.database.existingSecret -}}
{{- .svc.database.existingSecret -}}
{{- else if .root.Values.postgres.cnpg.enabled -}}
{{- printf "%s-app" (include "csp.dbCluster" .) -}}
{{- else -}}
{{- include "csp.dbCluster" . -}}
{{- end -}}
{{- end -}}

{{/* The settings (environment variables) of one service that its ConfigMap holds. Returns YAML. */}}
{{- define "csp.settings" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $kafka := $root.Values.kafka -}}
{{- $s := dict -}}
{{- $_ := set $s "PORT" (toString $svc.port) -}}
{{- $_ := set $s "DATABASE_URL" (include "csp.dbUrl" .) -}}
{{- $_ := set $s "DATABASE_POOL_SIZE" (toString ($svc.database.poolSize | default 16)) -}}
{{- $_ := set $s "RELAY_SEGMENTS" (toString ($svc.relaySegments | default 2)) -}}
{{- $_ := set $s "KAFKA_BOOTSTRAP_SERVERS" (required "kafka.bootstrapServers is required" $kafka.bootstrapServers) -}}
{{- $_ := set $s "SPRING_KAFKA_SECURITY_PROTOCOL" $kafka.securityProtocol -}}
{{- if hasPrefix "SASL_" $kafka.securityProtocol -}}
{{- $_ := set $s "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM" $kafka.sasl.mechanism -}}
{{- end -}}
{{- if $kafka.tls.caSecret -}}
{{- $_ := set $s "SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE" "PEM" -}}
{{- $_ := set $s "SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION" (printf "/etc/csp/kafka-ca/%s" $kafka.tls.caKey) -}}
{{- end -}}
{{- if $kafka.tls.clientSecret -}}
{{- $_ := set $s "SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_TYPE" "PKCS12" -}}
{{- $_ := set $s "SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_LOCATION" (printf "/etc/csp/kafka-client/%s" $kafka.tls.keystoreKey) -}}
{{- end -}}
{{- if $root.Values.jwt.issuerUri -}}
{{- $_ := set $s "JWT_ISSUER_URI" $root.Values.jwt.issuerUri -}}
{{- end -}}
{{- if $root.Values.jwt.jwkSetUri -}}
{{- $_ := set $s "JWT_JWK_SET_URI" $root.Values.jwt.jwkSetUri -}}
{{- end -}}
{{- if $svc.publicBaseUrl -}}
{{- $_ := set $s "PUBLIC_BASE_URL" $svc.publicBaseUrl -}}
{{- end -}}
{{- $_ := set $s "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE" ($svc.shutdownPhaseTimeout | default "25s") -}}
{{- if $svc.javaToolOptions -}}
{{- $_ := set $s "JAVA_TOOL_OPTIONS" ($svc.javaToolOptions | trim) -}}
{{- end -}}
{{- range $k, $v := ($svc.settings | default dict) -}}
{{- $_ := set $s $k (toString $v) -}}
{{- end -}}
{{- toYaml $s -}}
{{- end -}}

{{- define "csp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "csp.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

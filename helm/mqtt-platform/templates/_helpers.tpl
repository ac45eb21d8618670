{{/*
Names, labels and shared pieces of the chart's objects. Every object is named "<fullname>-<component>" and carries
the standard app.kubernetes.io labels; Services select pods by name, instance and component.
*/}}

{{- define "mqtt-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mqtt-platform.fullname" -}}
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

{{/* "<fullname>-<component>", e.g. include "mqtt-platform.componentName" (list . "gateway") */}}
{{- define "mqtt-platform.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "mqtt-platform.fullname" $root | trunc 50 | trimSuffix "-") (index . 1) -}}
{{- end -}}

{{- define "mqtt-platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "mqtt-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mqtt-platform
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of one component's objects: include "mqtt-platform.componentLabels" (list . "gateway") */}}
{{- define "mqtt-platform.componentLabels" -}}
{{ include "mqtt-platform.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* What a component's Service and controller select: include "mqtt-platform.selectorLabels" (list . "gateway") */}}
{{- define "mqtt-platform.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "mqtt-platform.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* An image reference: include "mqtt-platform.image" (list . .Values.gateway.image) */}}
{{- define "mqtt-platform.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $tag := $image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- if $root.Values.image.registry -}}
{{- printf "%s/%s:%s" $root.Values.image.registry $image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Where the gateway and sys-metrics-service find the broker. */}}
{{- define "mqtt-platform.brokerHost" -}}
{{- if .Values.broker.enabled -}}
{{- include "mqtt-platform.componentName" (list . "broker") -}}
{{- else -}}
{{- required "externalBroker.host is required when broker.enabled is false: the host name of the MQTT broker to use" .Values.externalBroker.host -}}
{{- end -}}
{{- end -}}

{{- define "mqtt-platform.brokerPort" -}}
{{- if .Values.broker.enabled -}}
{{- .Values.broker.service.mqttPort -}}
{{- else -}}
{{- .Values.externalBroker.port -}}
{{- end -}}
{{- end -}}

{{/* Where the gateway finds the broker's operations API (empty: nowhere, and the gateway answers 501 there). */}}
{{- define "mqtt-platform.brokerAdminUrl" -}}
{{- if .Values.broker.enabled -}}
{{- printf "http://%s:%v" (include "mqtt-platform.componentName" (list . "broker")) .Values.broker.healthPort -}}
{{- else -}}
{{- .Values.externalBroker.adminUrl -}}
{{- end -}}
{{- end -}}

{{- define "mqtt-platform.sysInterval" -}}
{{- if .Values.broker.enabled -}}
{{- .Values.broker.sysInterval -}}
{{- else -}}
{{- .Values.externalBroker.sysInterval -}}
{{- end -}}
{{- end -}}

{{/* The name of the Secret with the gateway's API keys file. */}}
{{- define "mqtt-platform.apiKeysSecret" -}}
{{- .Values.gateway.auth.existingSecret | default (include "mqtt-platform.componentName" (list . "gateway-api-keys")) -}}
{{- end -}}

{{/* The restricted pod security context (Pod Security Standards "restricted"). */}}
{{- define "mqtt-platform.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted container security context: nothing written outside the mounted volumes. */}}
{{- define "mqtt-platform.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Credentials of an external broker as the variables of one service: include "..." (list . "GATEWAY") */}}
{{- define "mqtt-platform.externalBrokerCredentials" -}}
{{- $root := index . 0 -}}
{{- if and $root.Values.broker.enabled $root.Values.broker.auth.enabled }}
- name: {{ index . 1 }}_BROKER_USERNAME
  value: {{ include "mqtt-platform.brokerUsername" (list $root (index . 1)) | quote }}
- name: {{ index . 1 }}_BROKER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mqtt-platform.brokerAuthSecret" $root }}
      key: {{ index . 1 | lower | replace "_" "-" }}-password
{{- else if and (not $root.Values.broker.enabled) $root.Values.externalBroker.existingSecret }}
- name: {{ index . 1 }}_BROKER_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.externalBroker.existingSecret }}
      key: username
- name: {{ index . 1 }}_BROKER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.externalBroker.existingSecret }}
      key: password
{{- end }}
{{- end -}}

{{/*
The token of the broker's operations API as one variable: include "mqtt-platform.brokerAdminToken" (list . "NAME").
From the chart's Secret when the broker is ours and secured (the user's credentialsSecret may lack it: optional), from
externalBroker.adminTokenSecret otherwise; none for an open broker, which answers without one.
*/}}
{{- define "mqtt-platform.brokerAdminToken" -}}
{{- $root := index . 0 -}}
{{- $secret := "" -}}
{{- if $root.Values.broker.enabled -}}
{{- if $root.Values.broker.auth.enabled -}}
{{- $secret = include "mqtt-platform.brokerAuthSecret" $root -}}
{{- end -}}
{{- else -}}
{{- $secret = $root.Values.externalBroker.adminTokenSecret -}}
{{- end -}}
{{- if $secret }}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: admin-token
      {{- if and $root.Values.broker.enabled $root.Values.broker.auth.credentialsSecret }}
      optional: true
      {{- end }}
{{- end }}
{{- end -}}

{{/* Pod scheduling settings of a component: include "mqtt-platform.scheduling" .Values.gateway */}}
{{- define "mqtt-platform.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Prometheus annotation-based scraping: include "mqtt-platform.scrapeAnnotations" (list . port path) */}}
{{- define "mqtt-platform.scrapeAnnotations" -}}
{{- if (index . 0).Values.monitoring.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ index . 1 | quote }}
prometheus.io/path: {{ index . 2 }}
{{- end -}}
{{- end -}}

{{/* The Secret with the broker passwords the chart made for the platform's own clients. */}}
{{- define "mqtt-platform.brokerAuthSecret" -}}
{{- .Values.broker.auth.credentialsSecret | default (printf "%s-auth" (include "mqtt-platform.componentName" (list . "broker"))) -}}
{{- end -}}

{{/* The broker username of a platform client: include "mqtt-platform.brokerUsername" (list . "GATEWAY") */}}
{{- define "mqtt-platform.brokerUsername" -}}
mqtt-platform-{{ index . 1 | lower | replace "_" "-" }}
{{- end -}}

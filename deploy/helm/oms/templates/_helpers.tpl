{{- define "oms.fullname" -}}
{{- printf "%s-oms" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "oms.labels" -}}
app.kubernetes.io/name: oms
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "oms.natsUrl" -}}
{{- if .Values.config.NATS_URL -}}{{ .Values.config.NATS_URL }}{{- else -}}nats://{{ .Release.Name }}-nats:4222{{- end -}}
{{- end -}}

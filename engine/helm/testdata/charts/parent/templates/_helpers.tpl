{{- define "parent.labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name }}
{{- range $k, $v := .Values.global.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}

FROM busybox
ARG USER=app
RUN <<EOT bash
set -e
echo "hello $USER"
EOT
COPY <<-"EOF1" <<EOF2 /etc/
	config=${USER}
	EOF1
second $USER
EOF2
RUN cat <<'X' > /a && cat /a
$literal
X
MAINTAINER someone
HEALTHCHECK NONE
ENTRYPOINT echo ${USER:?must be set} ${HOME#/} ${PATH%%:*} ${X/a/b}

#!/bin/sh
# As the official nginx image's entrypoint: each /etc/nginx/templates/NAME.template becomes /etc/nginx/conf.d/NAME
# with ${VARIABLE}s of the environment filled in (only variables that are set, so nginx's own $variables stay).
set -e
if [ "$1" = "nginx" ]; then
    defined=$(printf '${%s} ' $(env | cut -d= -f1))
    for template in /etc/nginx/templates/*.template; do
        [ -f "$template" ] || continue
        output="/etc/nginx/conf.d/$(basename "$template" .template)"
        envsubst "$defined" < "$template" > "$output"
        echo "$0: $template -> $output"
    done
fi
exec "$@"

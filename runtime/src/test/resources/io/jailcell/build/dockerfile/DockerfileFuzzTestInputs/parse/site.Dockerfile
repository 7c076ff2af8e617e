# syntax=docker/dockerfile:1
# A static web site on busybox's httpd, built in two stages.
FROM busybox AS build
WORKDIR /src
COPY www/ ./
RUN echo "<p>built by jailcell from $(ls | wc -l) file(s)</p>" >> index.html

FROM busybox
LABEL org.opencontainers.image.title="site"
COPY --from=build /src /www
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]

# syntax=docker/dockerfile:1
ARG JDK=17
FROM eclipse-temurin:${JDK}-jdk AS build
ARG MAVEN_OPTS="-Xmx512m"
ENV APP_HOME=/app \
    PATH="/opt/tools/bin:$PATH"
WORKDIR $APP_HOME
COPY --chown=1000:1000 pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests && \
    cp target/*.jar /app.jar

FROM eclipse-temurin:${JDK}-jre
LABEL maintainer="dev@example.com" version="1.0" description="a \"quoted\" label"
COPY --from=build /app.jar /opt/app/app.jar
ADD --chmod=0644 https://example.com/config.tgz /opt/app/
USER 1000:1000
EXPOSE 8080/tcp 9090/udp
VOLUME ["/data", "/logs"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD curl -f http://localhost:8080/ || exit 1
STOPSIGNAL SIGTERM
SHELL ["/bin/sh", "-c"]
ONBUILD COPY . /src
ENTRYPOINT ["java", "-jar", "/opt/app/app.jar"]
CMD ["--port=8080"]

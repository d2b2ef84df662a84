# The document store's FerretDB for Kubernetes (infra/k8s/document-store.yaml): FerretDB 1.24.2 with
# the patches infra/local builds it with (docs/adr/0012), built the same way as infra/local/infra.sh
# does (the module from the Go proxy, the patches in order, the wrapper of infra/local/ferretdb).
#   docker build -f infra/docker/ferretdb.Dockerfile -t kelisim/ferretdb:1.24.2-pushdown .
FROM golang:1.24-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends patch && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY infra/local/ferretdb/go.mod infra/local/ferretdb/go.sum infra/local/ferretdb/main.go ./
COPY infra/local/ferretdb/*.patch /patches/
RUN go mod download github.com/FerretDB/FerretDB \
 && cp -r "$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)" FerretDB && chmod -R u+w FerretDB \
 && for name in sqlite-id-index postgresql-index-pushdown postgresql-top-sort; do \
      patch --quiet -p1 -d FerretDB < "/patches/$name.patch"; done \
 && go mod edit -replace github.com/FerretDB/FerretDB=./FerretDB \
 && CGO_ENABLED=0 go build -trimpath -o /ferretdb .

# A static binary: no shell, no package manager, a non-root user (uid 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /ferretdb /usr/local/bin/ferretdb
EXPOSE 27017
ENTRYPOINT ["/usr/local/bin/ferretdb"]

#!/usr/bin/env bash
# Grid lookup benchmark (docs/benchmarks.md): which of 100,000 grid cells contains a point, in
# process with internal/platform/geo against PostGIS on the local PostgreSQL 15. Both sides use
# the same lattice and the same 1,000,000 query points, written by the hidden test
# TestWriteBenchLattice. Installs Debian's postgresql-15-postgis-3 when PostGIS is missing, works
# in the schema bench_grids of database "test" and drops it at the end. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
export PGOPTIONS="-c search_path=bench_grids,public"
DB=test
SINGLE_LOOKUPS=10000
BATCH_RUNS=3

log() { echo "bench-grids: $*" >&2; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
if [ -z "$(psql -X -d postgres -tAc "select 1 from pg_available_extensions where name='postgis'")" ]; then
  log "installing postgresql-15-postgis-3"
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15-postgis-3 >&2; then
    "${as_root[@]}" apt-get update >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15-postgis-3 >&2
  fi
fi

work=$(mktemp -d)
cleanup() {
  psql -X -q -d "$DB" -c "DROP SCHEMA IF EXISTS bench_grids CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "writing the lattice and the query points"
GEO_BENCH_LATTICE_OUT="$work/grids.tsv" GEO_BENCH_POINTS_OUT="$work/points.tsv" \
  go test -count=1 -run '^TestWriteBenchLattice$' ./internal/platform/geo/ >/dev/null

# The in-process benchmarks run first, while PostgreSQL is idle.
log "Go benchmarks"
go test -run '^$' -bench '^BenchmarkLocateSingle$' ./internal/platform/geo/ >"$work/single.txt"
go test -run '^$' -bench '^BenchmarkLocateBatch1M$' -benchtime 3x ./internal/platform/geo/ >"$work/batch.txt"
grep '^Benchmark' "$work/single.txt" "$work/batch.txt" >&2
go_single=$(awk '/^BenchmarkLocateSingle/ {print $3}' "$work/single.txt")
read -r go_batch go_hits < <(awk '/^BenchmarkLocateBatch1M/ {
  for (i = 1; i < NF; i++) if ($(i + 1) == "matches/op") m = $i
  print $3, m
}' "$work/batch.txt")

log "loading PostGIS"
sql <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_grids CASCADE;
CREATE SCHEMA bench_grids;
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA bench_grids;
CREATE TABLE grids_raw (id integer, wkt text);
\copy grids_raw FROM '$work/grids.tsv'
CREATE TABLE grids (id integer PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL);
INSERT INTO grids SELECT id, ST_GeomFromText(wkt, 4326) FROM grids_raw;
DROP TABLE grids_raw;
CREATE INDEX grids_geom ON grids USING gist (geom);
CREATE TABLE pts_raw (lng double precision, lat double precision);
\copy pts_raw FROM '$work/points.tsv'
CREATE TABLE pts (geom geometry(Point, 4326) NOT NULL);
INSERT INTO pts SELECT ST_SetSRID(ST_MakePoint(lng, lat), 4326) FROM pts_raw;
DROP TABLE pts_raw;
ANALYZE grids;
ANALYZE pts;
SQL
out=$(sql -tA -F ' ' -c \
  "SELECT (SELECT count(*) FROM grids), (SELECT count(*) FROM grids WHERE NOT ST_IsValid(geom)),
          ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
   FROM (SELECT ST_Extent(geom) AS e FROM grids) x")
read -r n_grids n_invalid xmin ymin xmax ymax <<<"$out"
postgis_version=$(sql -tA -c "SELECT postgis_lib_version()")
log "$n_grids grids ($n_invalid invalid), extent $xmin $ymin $xmax $ymax, PostGIS $postgis_version"

# Random points over the lattice's extent, one query per round trip.
script="$work/locate.sql"
cat >"$script" <<SQL
\set lng $xmin + random(0, 999999999) * ($xmax - $xmin) / 1000000000.0
\set lat $ymin + random(0, 999999999) * ($ymax - $ymin) / 1000000000.0
SELECT id FROM grids WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(:lng, :lat), 4326));
SQL
if command -v pgbench >/dev/null; then
  log "PostGIS single lookups: pgbench, $SINGLE_LOOKUPS prepared round trips"
  pgbench -n -M prepared -c 1 -j 1 -t 1000 -f "$script" "$DB" >/dev/null 2>&1
  out=$(pgbench -n -M prepared -c 1 -j 1 -t "$SINGLE_LOOKUPS" -f "$script" "$DB" 2>&1)
  pg_single_ms=$(awk '/latency average/ {print $4}' <<<"$out")
  single_how="pgbench -M prepared, $SINGLE_LOOKUPS round trips"
else
  log "PostGIS single lookups: psql, $SINGLE_LOOKUPS prepared round trips"
  {
    echo "PREPARE locate(float8, float8) AS SELECT id FROM grids WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(\$1, \$2), 4326));"
    awk -v n="$SINGLE_LOOKUPS" -v x0="$xmin" -v y0="$ymin" -v x1="$xmax" -v y1="$ymax" \
      'BEGIN { srand(1); for (i = 0; i < n; i++) printf "EXECUTE locate(%.9f, %.9f);\n", x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0) }'
  } >"$work/loop.sql"
  start=$(date +%s%N)
  sql -o /dev/null -f "$work/loop.sql"
  end=$(date +%s%N)
  pg_single_ms=$(awk -v ns=$((end - start)) -v n="$SINGLE_LOOKUPS" 'BEGIN { printf "%.4f", ns / n / 1e6 }')
  single_how="one psql session, $SINGLE_LOOKUPS prepared round trips"
fi

log "PostGIS batch: join of 1,000,000 points, 1 warm-up + $BATCH_RUNS timed runs"
join="SELECT count(*) FROM pts p JOIN grids g ON ST_Contains(g.geom, p.geom);"
{
  echo '\timing on'
  for _ in $(seq 0 "$BATCH_RUNS"); do echo "$join"; done
} >"$work/join.sql"
out=$(sql -tA -f "$work/join.sql")
pg_hits=$(grep -v '^Time:' <<<"$out" | head -n 1)
pg_batch_ms=$(awk '/^Time:/ { n++; if (n > 1) { s += $2; k++ } } END { printf "%.1f", s / k }' <<<"$out")
pg_workers=$(sql -tA -c "SHOW max_parallel_workers_per_gather")

awk -v gs="$go_single" -v ps="$pg_single_ms" -v gb="$go_batch" -v pb="$pg_batch_ms" \
  -v cpus="$(nproc)" -v grids="$n_grids" -v hits="$pg_hits" -v gohits="$go_hits" -v how="$single_how" \
  -v pgv="$postgis_version" -v par="$pg_workers" -v runs="$BATCH_RUNS" 'BEGIN {
  gs_us = gs / 1000; ps_us = ps * 1000
  gb_ms = gb / 1e6
  printf "Grid lookup, %d cells of about 100 m (6-12 vertices each), %d CPUs, PostgreSQL 15 + PostGIS %s\n\n", grids, cpus, pgv
  printf "| Measure | In process (geo.Index) | PostGIS (GiST) | PostGIS / in process |\n"
  printf "|---|---|---|---|\n"
  printf "| Single lookup, mean | %.2f µs | %.1f µs | %.0f× |\n", gs_us, ps_us, ps_us / gs_us
  printf "| 1,000,000-point batch | %.0f ms | %.0f ms | %.1f× |\n", gb_ms, pb, pb / gb_ms
  printf "\nIn process: BenchmarkLocateSingle (default benchtime) and BenchmarkLocateBatch1M (-benchtime 3x, one worker per CPU); %s matches.\n", gohits
  printf "PostGIS single: %s over TCP to 127.0.0.1, latency average.\n", how
  printf "PostGIS batch: SELECT count(*) FROM pts JOIN grids ON ST_Contains, mean of %d runs after a warm-up, max_parallel_workers_per_gather = %s; %s matches.\n", runs, par, hits
}'

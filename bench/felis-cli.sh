#!/usr/bin/env bash
# Wall time of the real command line (JVM start included), five runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
./vo --help >/dev/null   # build first if needed
files=(sdm_schemas/src/main/resources/sdm_schemas/*.yaml)
for i in 1 2 3 4 5; do
  /usr/bin/time -f "./vo felis validate --check-* (${#files[@]} sdm_schemas files): %e s, max RSS %M KB" \
    ./vo felis validate -q --check-description --check-redundant-datatypes --check-tap-table-indexes \
    --check-tap-principal "${files[@]}"
done

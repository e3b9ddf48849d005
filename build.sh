#!/usr/bin/env bash
# build.sh: one entry point for a fresh Debian 12 machine. Installs what is missing,
# builds Release with CMake, then runs the app (`run`), the test suite (`test`) or the bench.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=${BUILD_DIR:-$here/build}
jobs=$(nproc 2>/dev/null || echo 2)

packages=(
    build-essential cmake pkg-config
    libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev catch2 libepoxy-dev libegl-dev
    nlohmann-json3-dev libstb-dev libfreetype-dev
    libegl-mesa0 libgl1-mesa-dri libgl1 libglx-mesa0 fonts-dejavu-core
    xvfb xauth xdotool x11-utils x11-apps
)

usage() {
    cat <<USAGE
usage: ./build.sh [run|test|build|bench|deps|sanitize|fuzz] [-- ARGS...]
  run       install what is missing, build, and open the app (ARGS go to roller-atlas)
  test      install what is missing, build, and run the whole test suite headless (ctest);
            under CI (CI=true) also the sanitizer and fuzz steps below, fuzzing 20 s per target
  build     install what is missing and build only
  bench     build, then print the headless benchmark at 1280x720 and 1920x1080
  deps      install the missing Debian packages and the glTF validator (npm) only
  sanitize  build the loader tests with AddressSanitizer + UBSan (clang, build-sanitize/) and
            run them under a memory limit; any finding fails
  fuzz [SECONDS]  build the libFuzzer targets (build-sanitize/) and run each for SECONDS
            (default 60), seeded from ../shared/testdata and assets/; a crash fails, and its
            input is left in build-sanitize/fuzz/ (add it to tests/data/fuzz-regressions/)
USAGE
}

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    # node and npm run the Khronos glTF Validator in the tests; any install of them will do.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
    install_packages "${missing[@]}"
    install_validator
}

install_packages() {
    [ $# -eq 0 ] && return 0
    local missing=("$@")
    echo "build.sh: installing missing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The validator package pinned in tests/validator/package-lock.json, installed beside it.
install_validator() {
    local dir=$here/tests/validator
    if [ -d "$dir/node_modules/gltf-validator" ] &&
        [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        return 0
    fi
    echo "build.sh: installing the glTF validator (npm ci in tests/validator)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

build() {
    cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build_dir" -j "$jobs"
}

# --- hostile input (issue 6): sanitizers and fuzzing, one clang tree for both --------------------
# Debian 12's clang 16: clang 14 cannot compile C++20 lambdas that capture structured bindings.
clang_packages=(clang-16 libclang-rt-16-dev)
sanitize_dir=${SANITIZE_DIR:-$here/build-sanitize}
# Findings abort; allocations the loaders could not survive fail instead of swapping the machine.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1:max_allocation_size_mb=2048:hard_rss_limit_mb=3072}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

sanitize_build() {
    local missing=()
    for p in "${clang_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    install_packages "${missing[@]}"
    # -O0 compiles three times faster than -O1, which matters more in CI than the fuzzer's speed;
    # SANITIZE_OPT=-O1 for long local fuzzing runs.
    cmake -S "$here" -B "$sanitize_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="${SANITIZE_OPT:--O0} -gline-tables-only" \
        -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 \
        -DRA_SANITIZE=ON -DRA_FUZZ=ON >/dev/null
    cmake --build "$sanitize_dir" -j "$jobs" --target "$@"
}

run_sanitize() {
    sanitize_build ra_loader_tests
    echo "build.sh: loader tests under ASan + UBSan ($ASAN_OPTIONS)"
    (cd "$sanitize_dir" && ctest --output-on-failure -j "$jobs" -R '^loader:')
}

# One fuzz target: a working corpus (kept between runs) seeded from read-only seed folders,
# SECONDS of fuzzing, at most 2 GB RSS and 1 GB per allocation. A crash, leak, timeout or
# over-allocation fails the step and leaves its input (crash-*, leak-*, timeout-*, oom-*) and the
# full log in build-sanitize/fuzz/NAME/.
fuzz_one() {
    local name=$1 seconds=$2
    shift 2
    local work=$sanitize_dir/fuzz/$name
    mkdir -p "$work/corpus"
    echo "build.sh: fuzzing $name for ${seconds}s"
    if ! (cd "$work" && "$sanitize_dir/ra_fuzz_$name" -max_total_time="$seconds" \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -max_len=262144 \
        -print_final_stats=1 corpus "$@" >"$work/fuzz.log" 2>&1); then
        tail -n 80 "$work/fuzz.log"
        echo "build.sh: the $name fuzzer found a problem; its input and log are in $work" >&2
        return 1
    fi
    grep -E '^(INFO: seed corpus|#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|peak_rss_mb))' \
        "$work/fuzz.log" || true
}

# The seed folders that exist (../shared/testdata is beside the clone in CI, maybe not elsewhere).
existing() {
    for d in "$@"; do [ -d "$d" ] && echo "$d"; done
}

run_fuzz() {
    local seconds=${1:-60}
    local regressions=$here/tests/data/fuzz-regressions testdata=$here/../shared/testdata
    sanitize_build ra_fuzz_gltf ra_fuzz_content
    mapfile -t seeds < <(existing "$testdata/gltf-invalid" "$testdata/gltf-valid" "$regressions/gltf")
    fuzz_one gltf "$seconds" "${seeds[@]}"
    mapfile -t seeds < <(existing "$here/assets/stretches" "$here/assets/anatomy" "$regressions/content")
    fuzz_one content "$seconds" "${seeds[@]}"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

case "$cmd" in
    deps) install_deps ;;
    build) install_deps; build ;;
    run)
        install_deps; build
        exec "$build_dir/roller-atlas" "$@"
        ;;
    test)
        install_deps; build
        (cd "$build_dir" && ctest --output-on-failure -j "$jobs" "$@")
        if [ -n "${CI:-}" ]; then run_fuzz 20; run_sanitize; fi
        ;;
    sanitize) install_deps; run_sanitize ;;
    fuzz) install_deps; run_fuzz "$@" ;;
    bench)
        install_deps; build
        "$build_dir/roller-atlas" bench --size 1280x720 "$@"
        "$build_dir/roller-atlas" bench --size 1920x1080 "$@"
        ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
esac

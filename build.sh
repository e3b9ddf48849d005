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
usage: ./build.sh [run|test|build|bench|deps] [-- ARGS...]
  run     install what is missing, build, and open the app (ARGS go to roller-atlas)
  test    install what is missing, build, and run the whole test suite headless (ctest)
  build   install what is missing and build only
  bench   build, then print the headless benchmark at 1280x720 and 1920x1080
  deps    install the missing Debian packages and the glTF validator (npm) only
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
        cd "$build_dir"
        ctest --output-on-failure -j "$jobs" "$@"
        ;;
    bench)
        install_deps; build
        "$build_dir/roller-atlas" bench --size 1280x720 "$@"
        "$build_dir/roller-atlas" bench --size 1920x1080 "$@"
        ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
esac

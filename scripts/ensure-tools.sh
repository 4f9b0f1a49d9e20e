#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine, only what is missing.
#   ensure-tools.sh build   Java 17 JDK and Maven (to build and run)
#   ensure-tools.sh test    also the test peers: Python scipy/scikit-image/tifffile/nibabel/
#                           pydicom, Xvfb (+ xauth, xdotool, ImageMagick), Chromium and elastix
#                           (tests that need a missing peer skip)
set -uo pipefail
what="${1:-build}"
need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ "$what" = test ]; then
  py=/usr/bin/python3
  [ -x "$py" ] || need+=(python3)
  for m in scipy:python3-scipy skimage:python3-skimage tifffile:python3-tifffile nibabel:python3-nibabel pydicom:python3-pydicom; do
    "$py" -c "import ${m%%:*}" >/dev/null 2>&1 || need+=("${m#*:}")
  done
  # ImageJGuiIT: ImageJ's window on a virtual display (Xvfb); xauth for xvfb-run; xdotool and
  # ImageMagick's import to drive and photograph ImageJ by hand (docs/fiji.md)
  command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
  command -v xauth >/dev/null 2>&1 || need+=(xauth)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v elastix >/dev/null 2>&1 || need+=(elastix)
  command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
  command -v import >/dev/null 2>&1 || need+=(imagemagick)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Bone Lesion needs these Debian packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  command -v mvn >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 && exit 0
  exit 2
fi
echo "installing ${need[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
if ! apt-get install -y -qq "${need[@]}" >/dev/null 2>&1; then
  # install one by one so that one unavailable peer does not stop the others
  for p in "${need[@]}"; do apt-get install -y -qq "$p" >/dev/null 2>&1 || echo "could not install $p" >&2; done
fi
command -v mvn >/dev/null 2>&1 && command -v javac >/dev/null 2>&1

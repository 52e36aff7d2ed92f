#!/usr/bin/env bash
# Installs everything Agentdesk needs to build, run and test on Debian 12.
# Run as root (or through sudo). Safe to run again.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(
    # build
    build-essential cmake ninja-build ccache pkg-config
    # Qt 6 and the libraries we link
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
    qt6-l10n-tools qtkeychain-qt6-dev libjwt-dev libcrypt-dev libgl-dev
    # what the binary loads at run time
    libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6 qt6-translations-l10n
    # tests: a real Secret Service and a notification daemon in a D-Bus session,
    # a display, a Python client
    gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth imagemagick dunst
    python3 python3-requests python3-websockets curl
    # packaging: build the .deb, check it, and run the package test
    dpkg-dev librsvg2-bin lintian desktop-file-utils appstream man-db python3-seccomp
)

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"

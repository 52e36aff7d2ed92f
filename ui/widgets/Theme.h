#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace agentdesk {

// Colours derived from the current palette, so the light and the dark
// system themes both read well: fixed hues are only ever blended into the
// palette's own base, never used as backgrounds on their own.
namespace Theme {

// a + (b - a) * t, channel by channel.
QColor mix(const QColor &a, const QColor &b, qreal t);
// A stable hue for a participant's name.
QColor hueFor(const QString &name);
// `hue` nudged toward the palette's text so it reads on `base`.
QColor readable(const QColor &hue, const QColor &base);
QColor errorHue();
QColor successHue();
bool isDark(const QPalette &palette);
// A style sheet for a notice banner (error or information) from `palette`.
QString bannerStyle(const QPalette &palette, bool error);
// An icon of ours (resources/icons/<name>.svg) drawn in the palette's text
// colour, at the sizes a high-DPI screen asks for.
QIcon icon(const QString &name, const QPalette &palette);

} // namespace Theme

} // namespace agentdesk

#include "Theme.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QImageReader>
#include <QPixmap>

namespace agentdesk::Theme {

using namespace Qt::StringLiterals;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() + (y.redF() - x.redF()) * t),
                            float(x.greenF() + (y.greenF() - x.greenF()) * t),
                            float(x.blueF() + (y.blueF() - x.blueF()) * t));
}

QColor hueFor(const QString &name)
{
    // A fixed set of distinguishable hues; the name picks one.
    static const int hues[] = {210, 140, 30, 280, 0, 180, 320, 60, 250, 100};
    // Not qHash: Qt seeds it per process, and a sender should keep its
    // colour from one start to the next (FNV-1a over the UTF-16 text).
    quint32 hash = 2166136261u;
    for (const QChar c : name) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    const size_t slot = hash % std::size(hues);
    return QColor::fromHsl(hues[slot], 150, 120);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor readable(const QColor &hue, const QColor &base)
{
    // On a dark base, lighten the hue; on a light one, darken it.
    const bool dark = base.lightnessF() < 0.5;
    return mix(hue, dark ? QColor(Qt::white) : QColor(Qt::black), dark ? 0.35 : 0.25);
}

QColor errorHue()
{
    return QColor(0xd1, 0x24, 0x2f);
}

QColor successHue()
{
    return QColor(0x1a, 0x7f, 0x37);
}

QString bannerStyle(const QPalette &palette, bool error)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor hue = error ? errorHue() : palette.color(QPalette::Highlight);
    return u"QLabel { color: %1; background: %2; border: 1px solid %3; border-radius: 4px; padding: 8px; }"_s
            .arg(palette.color(QPalette::Text).name(), mix(base, hue, 0.15).name(), mix(base, hue, 0.7).name());
}

QIcon icon(const QString &name, const QPalette &palette)
{
    QFile file(u":/agentdesk/icons/%1.svg"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("currentColor", palette.color(QPalette::WindowText).name().toLatin1());
    QIcon result;
    const qreal ratio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        const int pixels = qRound(size * ratio);
        reader.setScaledSize(QSize(pixels, pixels));
        QPixmap pixmap = QPixmap::fromImage(reader.read());
        if (pixmap.isNull())
            continue;
        pixmap.setDevicePixelRatio(ratio);
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace agentdesk::Theme

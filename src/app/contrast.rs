//! Text that stays readable on a coloured background: the 16-colour palettes of
//! the two terminals most readers have (xterm's defaults and GNOME Terminal's
//! Tango), the WCAG 2 contrast ratio, and the choice of black or white text
//! for a background, made for the worse of the two palettes.

use ratatui::style::Color;

/// WCAG AA for normal text.
#[cfg(test)]
pub const AA: f64 = 4.5;

/// xterm's default 16 colours, in ANSI order (black, red, … white, then the
/// bright ones).
pub(crate) const XTERM: [u32; 16] = [
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f,
    0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
];

/// GNOME Terminal's Tango palette, in ANSI order.
pub(crate) const TANGO: [u32; 16] = [
    0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf, 0x555753,
    0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
];

/// The palettes a colour pair must be readable in.
pub(crate) const PALETTES: [&[u32; 16]; 2] = [&XTERM, &TANGO];

/// The 0xRRGGBB a colour shows as with `palette`; `None` for the terminal's
/// own default (`Color::Reset`), which no palette fixes.
pub(crate) fn rgb(color: Color, palette: &[u32; 16]) -> Option<u32> {
    let ansi = |i: usize| palette.get(i).copied();
    match color {
        Color::Reset => None,
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Rgb(r, g, b) => Some(u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b)),
        Color::Indexed(i) => Some(indexed(i, palette)),
    }
}

/// The xterm 256-colour table: the 16 of the palette, a 6×6×6 cube, 24 greys.
fn indexed(i: u8, palette: &[u32; 16]) -> u32 {
    let i = u32::from(i);
    if i < 16 {
        return palette.get(i as usize).copied().unwrap_or(0);
    }
    if i >= 232 {
        let v = 8 + (i - 232) * 10;
        return v << 16 | v << 8 | v;
    }
    let level = |n: u32| if n == 0 { 0 } else { 55 + n * 40 };
    let n = i - 16;
    level(n / 36) << 16 | level(n / 6 % 6) << 8 | level(n % 6)
}

/// WCAG 2 relative luminance of 0xRRGGBB.
pub(crate) fn luminance(rgb: u32) -> f64 {
    let channel = |shift: u32| {
        let c = f64::from((rgb >> shift) & 0xff) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

/// WCAG 2 contrast ratio of two colours (1 to 21, order does not matter).
pub(crate) fn ratio(a: u32, b: u32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The lowest contrast of `fg` on `bg` over [`PALETTES`]; `None` when either
/// is the terminal's default colour.
pub(crate) fn worst_ratio(fg: Color, bg: Color) -> Option<f64> {
    PALETTES
        .iter()
        .map(|p| Some(ratio(rgb(fg, p)?, rgb(bg, p)?)))
        .try_fold(f64::INFINITY, |worst, r| r.map(|r| worst.min(r)))
}

/// Black or white, whichever reads better on `bg` in the worse palette.
pub(crate) fn text_on(bg: Color) -> Color {
    let black = worst_ratio(Color::Black, bg).unwrap_or(0.0);
    let white = worst_ratio(Color::White, bg).unwrap_or(0.0);
    if white > black {
        Color::White
    } else {
        Color::Black
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contrast_formula_gives_the_wcag_reference_values() {
        assert!((ratio(0x000000, 0xffffff) - 21.0).abs() < 1e-9);
        assert!((ratio(0x777777, 0x777777) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic just-passing AA grey.
        let grey = ratio(0x767676, 0xffffff);
        assert!((4.5..4.6).contains(&grey), "{grey}");
        // The figures of the issue: black on xterm blue is 2.2:1.
        let on_blue = worst_ratio(Color::Black, Color::Blue).unwrap();
        assert!((2.1..2.3).contains(&on_blue), "{on_blue}");
    }

    #[test]
    fn colours_map_through_each_palette_and_the_256_table() {
        assert_eq!(rgb(Color::Blue, &XTERM), Some(0x0000ee));
        assert_eq!(rgb(Color::Blue, &TANGO), Some(0x3465a4));
        assert_eq!(rgb(Color::Indexed(196), &XTERM), Some(0xff0000));
        assert_eq!(rgb(Color::Indexed(244), &XTERM), Some(0x808080));
        assert_eq!(rgb(Color::Reset, &XTERM), None);
    }

    #[test]
    fn text_on_a_background_is_whichever_of_black_and_white_reads_better() {
        assert_eq!(text_on(Color::Red), Color::White);
        assert_eq!(text_on(Color::Blue), Color::White);
        assert_eq!(text_on(Color::LightGreen), Color::Black);
        assert_eq!(text_on(Color::Yellow), Color::Black);
    }
}

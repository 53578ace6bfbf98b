//! The coverage report as one self-contained HTML page: the départements
//! on a map coloured by a chosen measure, a timeline of articles per month
//! and sortable tables. The page needs no network: its style, its script,
//! the outlines and the counts are all in it.

use std::fmt::Write;

use super::Report;

/// The page, with `{{map}}` and `{{data}}` to fill.
const TEMPLATE: &str = include_str!("report.html");

/// Side of the map's coordinates, as `departements.svgpaths.tsv` draws them.
const VIEW_BOX: &str = "0 0 1000 800";

/// The page for a report, with the outlines of `map` (the text of
/// `departements.svgpaths.tsv`).
pub fn page(report: &Report, map: &str) -> Result<String, String> {
    let svg = map_svg(map)?;
    // `<` escaped, so that no string of the data can close the script.
    let data = serde_json::to_string(report)
        .map_err(|e| e.to_string())?
        .replace('<', "\\u003c");
    Ok(TEMPLATE
        .replacen("{{map}}", &svg, 1)
        .replacen("{{data}}", &data, 1))
}

/// The map as inline SVG: one path of class `dep` per département
/// (`data-code` as in the report's places), `dep zoom` for those drawn again
/// larger, the insets' frames and their names.
fn map_svg(map: &str) -> Result<String, String> {
    let mut svg = format!(r#"<svg id="map" viewBox="{VIEW_BOX}" role="img" aria-label="map">"#);
    for (n, line) in map.lines().enumerate().skip(1) {
        let bad = || format!("departements.svgpaths.tsv line {}: {line:.60}", n + 1);
        let mut cols = line.split('\t');
        let (Some(kind), Some(code), Some(name), Some(d)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(bad());
        };
        let (code, name, d) = (escape(code), escape(name), escape(d));
        match kind {
            // A département drawn again, larger, is coloured the same.
            "departement" | "zoom" => write!(
                svg,
                r#"<path class="{}" data-code="dep:{code}" data-name="{name}" d="{d}"/>"#,
                if kind == "zoom" { "dep zoom" } else { "dep" }
            ),
            "frame" => {
                // A frame's path starts at its top left corner: `M10 162h...`.
                let corner = d.strip_prefix('M').and_then(|rest| {
                    let end = rest.find(|c: char| c.is_ascii_alphabetic())?;
                    let (x, y) = rest[..end].split_once(' ')?;
                    Some((x.parse::<i32>().ok()?, y.parse::<i32>().ok()?))
                });
                let (x, y) = corner.ok_or_else(bad)?;
                write!(
                    svg,
                    r#"<path class="frame" d="{d}"/><text x="{}" y="{}">{name}</text>"#,
                    x + 4,
                    y + 13
                )
            }
            _ => return Err(bad()),
        }
        .map_err(|e| e.to_string())?;
    }
    svg.push_str("</svg>");
    Ok(svg)
}

/// Text made safe inside an attribute or an element.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_gets_its_name_and_a_bad_row_is_an_error() {
        let map = "kind\tcode\tname\td\nframe\t972\tMartinique\tM10 162h170v140h-170z\n\
                   departement\t2A\tCorse-du-Sud\tM1 2l3 4-5 6z\n\
                   zoom\t75\tParis\tM1 2l3 4-5 6z\n";
        let svg = map_svg(map).unwrap();
        assert!(
            svg.contains(r#"<text x="14" y="175">Martinique</text>"#),
            "{svg}"
        );
        assert!(svg.contains(r#"<path class="dep" data-code="dep:2A" data-name="Corse-du-Sud""#));
        assert!(svg.contains(r#"<path class="dep zoom" data-code="dep:75""#));
        assert!(map_svg("h\nregion\t1\tx\tM0 0z\n").is_err());
        assert!(map_svg("h\nframe\t1\tx\tL0 0z\n").is_err());
    }

    #[test]
    fn data_cannot_close_the_script() {
        let mut r = Report::default();
        r.sources.push(super::super::GroupRow {
            key: "</script><script>alert(1)".into(),
            ..Default::default()
        });
        let page = page(&r, "h\n").unwrap();
        assert_eq!(page.matches("</script>").count(), 2);
        assert!(page.contains(r"\u003c/script>\u003cscript>alert(1)"));
    }
}

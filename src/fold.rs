//! Folding: one pass that turns an article into a matching form.
//!
//! Every later stage that compares words (gazetteers, cue phrases, numbers)
//! works on the folded text, so spelling variants that the press mixes freely
//! compare equal: case, accents (NFC or NFD), `œ`/`æ`, typographic
//! apostrophes, dashes and hyphens (all become a space, so `Deux-Sèvres` and
//! `Deux Sèvres` are one key), no-break and thin spaces, `…`.
//!
//! Invariant: the folded text is ASCII except for letters that have no ASCII
//! base (kept lower-cased), and `map` gives, for every folded byte, the byte
//! offset in the original text of the character it came from, plus one final
//! entry equal to the original length. Offsets found in folded text are thus
//! mapped back with [`Folded::orig`] and always land on character boundaries.

use unicode_normalization::char::decompose_canonical;

/// Text in matching form, with the way back to the original offsets.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<u32>,
    /// Folded offsets of the words that start with a capital letter, in
    /// order: case is what folding loses, and names are found there.
    capitals: Vec<u32>,
}

impl Folded {
    /// Folds `original` into this buffer, reusing its allocations.
    pub fn fold_into(&mut self, original: &str) {
        let mut out = std::mem::take(&mut self.text).into_bytes();
        out.clear();
        self.map.clear();
        self.capitals.clear();
        // Room for a whole block past the end too: a block is written whole,
        // then cut back.
        out.reserve(original.len() + ASCII_BLOCK);
        self.map.reserve(original.len() + ASCII_BLOCK);
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most of a French article is ASCII: it is folded a block at
            // a time up to the first byte that is not, and only the rest
            // is decoded.
            at += self.fold_ascii_block(bytes, at, &mut out);
            if at == bytes.len() {
                break;
            }
            if bytes[at].is_ascii() {
                continue;
            }
            let before = out.len();
            let word_start = before == 0 || !is_word_byte(out[before - 1]);
            // The accented letters of French are U+00C0 to U+00FF, two
            // bytes each, the first 0xC3: a table, without decoding.
            let latin1 = (bytes[at] == 0xC3)
                .then(|| usize::from(bytes[at + 1] - 0x80))
                .filter(|&k| LATIN1_LETTERS[k] != 0);
            let (len, capital) = if let Some(k) = latin1 {
                out.push(LATIN1_LETTERS[k]);
                self.map.push(at as u32);
                (2, k < 0x20)
            } else {
                let c = original[at..].chars().next().expect("a character");
                push_folded(c, &mut out);
                self.map
                    .extend(std::iter::repeat_n(at as u32, out.len() - before));
                let letter = out.get(before).is_some_and(|&b| is_word_byte(b));
                (c.len_utf8(), letter && c.is_uppercase())
            };
            if capital && word_start {
                self.capitals.push(before as u32);
            }
            at += len;
        }
        self.map.push(original.len() as u32);
        // Every byte written is ASCII or a whole character's UTF-8.
        self.text = String::from_utf8(out).expect("folding writes UTF-8");
    }

    /// Folds the ASCII bytes that start `bytes[at..]`, at most a block of
    /// them, onto `out` and the map, and notes the capitals that start
    /// words; returns how many bytes it took. The whole block is folded
    /// and mapped with no branch per byte, then cut back to its ASCII
    /// head: one pass over the text, where a run found, then folded, then
    /// mapped, then searched for capitals took four.
    #[inline(always)]
    fn fold_ascii_block(&mut self, bytes: &[u8], at: usize, out: &mut Vec<u8>) -> usize {
        let rest = &bytes[at..];
        // A reference, not a copy: read from memory, the block folds in
        // vector registers, where a copy is kept in two integers and
        // taken apart byte by byte.
        let padded: [u8; ASCII_BLOCK];
        let block = match rest.first_chunk::<ASCII_BLOCK>() {
            Some(block) => block,
            None => {
                // Zeros are ASCII with no capitals: the count is cut to
                // the text below.
                let mut block = [0; ASCII_BLOCK];
                block[..rest.len()].copy_from_slice(rest);
                padded = block;
                &padded
            }
        };
        let base = out.len();
        let mut folded = [0; ASCII_BLOCK];
        for (f, &b) in folded.iter_mut().zip(block) {
            *f = fold_ascii(b);
        }
        out.extend_from_slice(&folded);
        let lane = |k: usize| lane_masks(block[k * LANE..][..LANE].try_into().expect("a lane"));
        let (first, second) = (lane(0), lane(1));
        let high = first.non_ascii | second.non_ascii << LANE;
        let upper = first.upper | second.upper << LANE;
        let n = (high.trailing_zeros() as usize).min(rest.len());
        out.truncate(base + n);
        let offsets: [u32; ASCII_BLOCK] = std::array::from_fn(|k| (at + k) as u32);
        self.map.extend_from_slice(&offsets);
        self.map.truncate(base + n);
        // Case survives in the original only; ASCII folding keeps word
        // bytes word bytes, so the folded byte before tells word starts.
        let mut capitals = u64::from(upper) & ((1 << n) - 1);
        while capitals != 0 {
            let k = base + capitals.trailing_zeros() as usize;
            capitals &= capitals - 1;
            if k == 0 || !is_word_byte(out[k - 1]) {
                self.capitals.push(k as u32);
            }
        }
        n
    }

    /// Folded spans of the words that start with a capital letter.
    pub fn capitalised_words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let text = self.text.as_bytes();
        self.capitals.iter().map(move |&start| {
            let start = start as usize;
            let len = text[start..]
                .iter()
                .take_while(|b| is_word_byte(**b))
                .count();
            (start, start + len)
        })
    }

    /// Folds `original` into a new buffer.
    pub fn new(original: &str) -> Folded {
        let mut folded = Folded::default();
        folded.fold_into(original);
        folded
    }

    /// Maps a byte offset of the folded text back to the original text.
    pub fn orig(&self, folded_offset: usize) -> usize {
        self.map[folded_offset] as usize
    }

    /// Maps an original byte offset (a character boundary) to the first
    /// folded byte at or after it.
    pub fn folded_at(&self, orig_offset: usize) -> usize {
        self.map.partition_point(|&o| (o as usize) < orig_offset)
    }
}

/// [`Folded::folded_at`] for offsets asked in increasing order, each
/// found from the one before: text folds byte for byte but for its few
/// accented letters, so the last answer moved on by the distance in the
/// original lands within a few bytes of the next, where a binary search
/// over the whole map takes a dozen steps.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    folded: &'a Folded,
    /// The last original offset asked, and its folded offset.
    last: (usize, usize),
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `folded`.
    pub fn new(folded: &'a Folded) -> Cursor<'a> {
        Cursor {
            folded,
            last: (0, 0),
        }
    }

    /// The first folded byte at or after `orig`, an original offset; right
    /// for any order of offsets, only slower out of order.
    pub fn folded_at(&mut self, orig: usize) -> usize {
        let (o, f) = self.last;
        let mut at = (f + orig.saturating_sub(o)).min(self.folded.text.len());
        // The map back to the original never decreases: step to the first
        // folded byte that maps at or after `orig`.
        while at > 0 && self.folded.orig(at - 1) >= orig {
            at -= 1;
        }
        while self.folded.orig(at) < orig {
            at += 1;
        }
        self.last = (orig, at);
        at
    }
}

/// Folds one string, for keys of word lists.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_onto(s, &mut out);
    String::from_utf8(out).expect("folding writes UTF-8")
}

/// Folds `s` onto the end of `out`, as [`fold`] does into a string of its
/// own: the lists fold tens of thousands of names at each start.
pub fn fold_onto(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Most names are ASCII: a table for its runs, decoding for the rest.
        let run = ascii_run(&bytes[at..]);
        out.extend(bytes[at..at + run].iter().map(|&b| ASCII_FOLD[b as usize]));
        at += run;
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        push_folded(c, out);
        at += c.len_utf8();
    }
}

/// How many bytes [`Folded::fold_into`] folds at a time: two lanes, as
/// the ASCII runs of French text are some forty bytes long.
const ASCII_BLOCK: usize = 2 * LANE;

/// How many bytes [`lane_masks`] looks at a time.
pub(crate) const LANE: usize = 16;

/// One bit per byte of a lane of text, for each class of byte that the
/// scans over every byte of an article ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LaneMasks {
    /// The bytes that are not ASCII.
    pub(crate) non_ascii: u32,
    /// The ASCII capital letters.
    pub(crate) upper: u32,
    /// The bytes that [`is_word_byte`] accepts.
    pub(crate) word: u32,
}

/// The masks of `lane`.
///
/// Every byte of an article goes through here, for folding and for the
/// word starts of the number stage: SSE2 gathers each mask in one
/// instruction, where gathering them from integers took more than the
/// work the masks then serve. Inlined, a caller computes only the masks
/// it reads.
#[inline(always)]
pub(crate) fn lane_masks(lane: &[u8; LANE]) -> LaneMasks {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 belongs to the x86_64 baseline, so every processor
        // this code is built for has the feature the function enables.
        unsafe { lane_masks_sse2(lane) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    lane_masks_portable(lane)
}

/// [`lane_masks`] with SSE2, no `unsafe` inside: the intrinsics need only
/// the feature.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn lane_masks_sse2(lane: &[u8; LANE]) -> LaneMasks {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    let half = |h: usize| i64::from_le_bytes(lane[8 * h..8 * h + 8].try_into().expect("eight"));
    let v = _mm_set_epi64x(half(1), half(0));
    // Whether each byte lies in `from..from + n`, as a signed comparison
    // once the range is moved to start at -128.
    let within = |v: __m128i, from: u8, n: u8| {
        let moved = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(from) as i8));
        _mm_cmplt_epi8(moved, _mm_set1_epi8((0x80 + n) as i8))
    };
    let digit = within(v, b'0', 10);
    let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
    // A byte above ASCII has its high bit set already.
    let word = _mm_or_si128(v, _mm_or_si128(digit, letter));
    let bits = |m: __m128i| _mm_movemask_epi8(m) as u32;
    LaneMasks {
        non_ascii: bits(v),
        upper: bits(within(v, b'A', 26)),
        word: bits(word),
    }
}

/// [`lane_masks`] a byte at a time, on any processor.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn lane_masks_portable(lane: &[u8; LANE]) -> LaneMasks {
    let mut m = LaneMasks {
        non_ascii: 0,
        upper: 0,
        word: 0,
    };
    for (i, &b) in lane.iter().enumerate() {
        m.non_ascii |= u32::from(!b.is_ascii()) << i;
        m.upper |= u32::from(b.is_ascii_uppercase()) << i;
        m.word |= u32::from(is_word_byte(b)) << i;
    }
    m
}

/// The length of the ASCII run that starts `bytes`.
fn ascii_run(bytes: &[u8]) -> usize {
    // Eight bytes at a time: a word with no high bit set is all ASCII.
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - n)
}

/// The folded form of an ASCII byte, without a branch or a table, so that
/// runs of them fold many bytes at a time; the same as [`ASCII_FOLD`].
#[inline]
fn fold_ascii(b: u8) -> u8 {
    let upper = b.wrapping_sub(b'A') < 26;
    let b = b | ((upper as u8) << 5);
    let b = if b == b'-' || b == b'\t' || b == b'\r' {
        b' '
    } else {
        b
    };
    if b == b'`' { b'\'' } else { b }
}

/// The ASCII base of the Latin-1 letters U+00C0 to U+00FF, lower case; 0
/// where there is none (`Æ`, `ß`, `×`, `Ø`...), left to the general rules.
static LATIN1_LETTERS: [u8; 64] =
    *b"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/// The folded form of every ASCII byte.
static ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => b as u8 + 32,
            b'-' | b'\t' | b'\r' => b' ',
            b'`' => b'\'',
            other => other,
        };
        b += 1;
    }
    t
};

/// Which folded bytes are part of a word.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    t
};

/// Appends the folded form of one character: what [`Folded::fold_into`]
/// writes for it, whatever the characters around it.
pub fn push_folded(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push(ASCII_FOLD[c as usize]);
        return;
    }
    // French accents are Latin-1 letters: a table, not a decomposition.
    if let Some(&base) = LATIN1_LETTERS.get((c as usize).wrapping_sub(0xC0))
        && base != 0
    {
        out.push(base);
        return;
    }
    match c {
        // Spaces of every width, including the no-break spaces of French typography.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(b' ')
        }
        // Hyphens and dashes: a name is the same with or without them.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' => out.push(b' '),
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' => {
            out.push(b'\'')
        }
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2039}'
        | '\u{203A}' => out.push(b'"'),
        '\u{2026}' => out.extend_from_slice(b"..."),
        'œ' | 'Œ' => out.extend_from_slice(b"oe"),
        'æ' | 'Æ' => out.extend_from_slice(b"ae"),
        'ß' => out.extend_from_slice(b"ss"),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push(b'\n'),
        // Zero-width characters carry nothing to match on.
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' => {}
        // A lone combining mark (NFD input) folds to nothing: its base
        // letter was already written.
        _ => decompose_canonical(c, |d| {
            if d.is_ascii() {
                out.push(d.to_ascii_lowercase() as u8);
            } else if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
        }),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether a folded byte is part of a word (letters, digits, non-ASCII letters).
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD[b as usize]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cursor_agrees_with_the_binary_search() {
        let text = "Élection à Châtellerault : « œuvre » … ß, fin. Été";
        let folded = Folded::new(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut cursor = Cursor::new(&folded);
        for &o in &bounds {
            assert_eq!(cursor.folded_at(o), folded.folded_at(o), "at {o}");
        }
        let mut cursor = Cursor::new(&folded);
        for &o in bounds.iter().rev().chain(&bounds) {
            assert_eq!(cursor.folded_at(o), folded.folded_at(o), "back at {o}");
        }
    }

    use super::*;

    #[test]
    fn folds_case_accents_hyphens_and_spaces() {
        assert_eq!(fold("Deux-Sèvres"), "deux sevres");
        assert_eq!(fold("DEUX SÈVRES"), "deux sevres");
        assert_eq!(fold("Ligugé"), "liguge");
        assert_eq!(fold("9\u{202F}046"), "9 046");
        assert_eq!(fold("9\u{00A0}046"), "9 046");
        assert_eq!(fold("l’Isle"), "l'isle");
        assert_eq!(fold("Œuvre… « oui »"), "oeuvre... \" oui \"");
    }

    #[test]
    fn nfd_and_nfc_fold_alike() {
        let nfc = "Mélenchon";
        let nfd = "Me\u{0301}lenchon";
        assert_eq!(fold(nfc), fold(nfd));
    }

    #[test]
    fn offsets_map_back_to_character_boundaries() {
        let original = "À Poitiers, Benoît";
        let f = Folded::new(original);
        let at = f.text.find("benoit").unwrap();
        let start = f.orig(at);
        let end = f.orig(at + "benoit".len());
        assert_eq!(&original[start..end], "Benoît");
        assert_eq!(f.orig(f.text.len()), original.len());
        assert_eq!(f.folded_at(start), at);
    }

    #[test]
    fn the_branchless_ascii_fold_is_the_table() {
        for b in 0..128u8 {
            assert_eq!(fold_ascii(b), ASCII_FOLD[b as usize], "byte {b}");
        }
    }

    #[test]
    fn latin1_table_agrees_with_decomposition() {
        for c in '\u{C0}'..='\u{FF}' {
            let base = LATIN1_LETTERS[c as usize - 0xC0];
            if base != 0 {
                let mut by_rules = String::new();
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        by_rules.extend(d.to_lowercase());
                    }
                });
                assert_eq!(by_rules, (base as char).to_string(), "{c}");
            }
        }
        assert_eq!(
            fold("ÀÉÈÊËÎÏÔÖÙÛÜŸÇ àéèêëîïôöùûüÿç Æ œ ß"),
            "aeeeeiioouuuyc aeeeeiioouuuyc ae oe ss"
        );
    }

    #[test]
    fn lane_masks_are_the_bytes_beyond_ascii_the_capitals_and_the_word_bytes() {
        let mut blocks = vec![
            *b"A Poitiers, LE m",
            *b"aire; Z@[`az AZ.",
            *b"ab\xC3\xA9CD\xFFZZZZZZZZZ",
        ];
        blocks.extend(
            (0..256)
                .step_by(LANE)
                .map(|from| std::array::from_fn(|k| (from + k) as u8)),
        );
        for block in blocks {
            let m = lane_masks(&block);
            assert_eq!(m, lane_masks_portable(&block), "{block:?}");
            for (i, b) in block.iter().enumerate() {
                assert_eq!(m.non_ascii >> i & 1 == 1, !b.is_ascii(), "{block:?} {i}");
                assert_eq!(
                    m.upper >> i & 1 == 1,
                    b.is_ascii_uppercase(),
                    "{block:?} {i}"
                );
                assert_eq!(m.word >> i & 1 == 1, is_word_byte(*b), "{block:?} {i}");
            }
        }
    }

    #[test]
    fn blocks_and_tails_fold_as_characters_one_by_one() {
        let texts = [
            "",
            "A",
            "Le Maire de Niort, M. DUPONT-Martin, élu à 52,3 % ÉTÉ",
            "0123456789abcdefÉ0123456789abcdeÉ-Z\tz`Q\r\n",
            "éééééééééééééééééééé Ab",
        ];
        // A letter beyond ASCII at every place of the first blocks.
        let shifted: Vec<String> = (0..40)
            .map(|k| format!("{}É Ab-c`D\té{}", "x".repeat(k), "Z".repeat(k % 7)))
            .collect();
        for text in texts.into_iter().chain(shifted.iter().map(String::as_str)) {
            let f = Folded::new(text);
            let (mut want, mut map, mut capitals) = (Vec::new(), Vec::new(), Vec::new());
            for (i, c) in text.char_indices() {
                let before = want.len();
                let word_start = before == 0 || !is_word_byte(want[before - 1]);
                push_folded(c, &mut want);
                map.extend(std::iter::repeat_n(i as u32, want.len() - before));
                let letter = want.get(before).is_some_and(|&b| is_word_byte(b));
                if c.is_uppercase() && letter && word_start {
                    capitals.push(before as u32);
                }
            }
            map.push(text.len() as u32);
            assert_eq!(f.text.as_bytes(), want, "{text}");
            assert_eq!(f.map, map, "{text}");
            assert_eq!(f.capitals, capitals, "{text}");
        }
    }

    #[test]
    fn capitalised_words_survive_folding() {
        let f = Folded::new("À Poitiers, l'Élysée et le PS-Niort; fin Ñandú aÉb Œuvre");
        let words: Vec<&str> = f.capitalised_words().map(|(s, e)| &f.text[s..e]).collect();
        assert_eq!(
            words,
            ["a", "poitiers", "elysee", "ps", "niort", "nandu", "oeuvre"]
        );
    }

    #[test]
    fn ellipsis_expands_but_maps_to_one_character() {
        let original = "oui… non";
        let f = Folded::new(original);
        assert_eq!(f.text, "oui... non");
        assert_eq!(f.orig(3), 3);
        assert_eq!(f.orig(5), 3);
        assert_eq!(f.orig(6), 6);
    }
}

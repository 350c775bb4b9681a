//! Importing an image into a post's image folder: sniff, orient, strip, shrink, store.

use std::fs::{self, File};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use image::codecs::gif::GifDecoder;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{AnimationDecoder, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{io, Error, Result};
use crate::{blog_path, slug::slugify, Blog};

/// How an import treats the image. `Default` is what the app and `folio image add` use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Wider images are scaled down to this width, keeping the aspect ratio.
    pub max_width: u32,
    /// Files larger than this are refused before they are read.
    pub max_bytes: u64,
    /// Images with more pixels than this are refused before they are decoded: a small file
    /// can declare a huge canvas (a "decompression bomb").
    pub max_pixels: u64,
    /// JPEG quality (1–100) used when a JPEG has to be re-encoded.
    pub jpeg_quality: u8,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_width: 2000,
            max_bytes: 50 * 1024 * 1024,
            max_pixels: 100_000_000,
            jpeg_quality: 90,
        }
    }
}

/// Where an import is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ImportProgress {
    /// Reading and sniffing the bytes.
    Reading,
    /// Decoding, orienting and scaling the pixels.
    Processing,
    /// Writing the file into the blog.
    Writing,
    /// Finished.
    Done,
}

/// The result of an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportedImage {
    /// The stored file, relative to the blog root, `/`-separated.
    pub path: String,
    /// The reST to insert into the post.
    pub rst: String,
    /// True when an identical file was already there and was reused.
    pub reused: bool,
    /// Pixel size of the stored image (0×0 for SVG).
    pub width: u32,
    /// Pixel height of the stored image.
    pub height: u32,
}

/// The kinds of file Folio imports, found from the bytes rather than the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Png,
    Jpeg,
    Gif,
    WebP,
    Svg,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Gif => "gif",
            Kind::WebP => "webp",
            Kind::Svg => "svg",
        }
    }

    fn sniff(bytes: &[u8]) -> Option<Kind> {
        match image::guess_format(bytes) {
            Ok(ImageFormat::Png) => Some(Kind::Png),
            Ok(ImageFormat::Jpeg) => Some(Kind::Jpeg),
            Ok(ImageFormat::Gif) => Some(Kind::Gif),
            Ok(ImageFormat::WebP) => Some(Kind::WebP),
            _ => looks_like_svg(bytes).then_some(Kind::Svg),
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Kind::Png => ImageFormat::Png,
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Gif => ImageFormat::Gif,
            Kind::WebP | Kind::Svg => ImageFormat::WebP,
        }
    }
}

impl Blog {
    /// Imports the image file at `file` (anywhere on disk: it is only read) into the folder
    /// of the post with slug `post_slug`. `alt` defaults to a text made from the file name.
    pub fn import_image_file(
        &self,
        post_slug: &str,
        file: &Path,
        alt: Option<&str>,
        options: &ImportOptions,
        on_progress: impl FnMut(ImportProgress),
    ) -> Result<ImportedImage> {
        let meta = fs::metadata(file).map_err(io("read", file))?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if meta.len() > options.max_bytes {
            return Err(Error::ImageTooLarge { name, bytes: meta.len(), limit: options.max_bytes });
        }
        let bytes = fs::read(file).map_err(io("read", file))?;
        self.import_image_bytes(post_slug, &name, &bytes, alt, options, on_progress)
    }

    /// Imports an image given as bytes (a paste or a drop) named `name` into the folder of
    /// the post with slug `post_slug`. Writes `content/images/<slug>/<name>.<ext>` without
    /// ever replacing a different file, and returns the reST to insert.
    pub fn import_image_bytes(
        &self,
        post_slug: &str,
        name: &str,
        bytes: &[u8],
        alt: Option<&str>,
        options: &ImportOptions,
        mut on_progress: impl FnMut(ImportProgress),
    ) -> Result<ImportedImage> {
        on_progress(ImportProgress::Reading);
        if bytes.len() as u64 > options.max_bytes {
            return Err(Error::ImageTooLarge {
                name: name.to_string(),
                bytes: bytes.len() as u64,
                limit: options.max_bytes,
            });
        }
        if post_slug.is_empty()
            || post_slug.starts_with('.')
            || post_slug.contains(['/', '\\', '\0'])
        {
            return Err(Error::OutsideBlog(post_slug.to_string()));
        }
        let kind = Kind::sniff(bytes).ok_or_else(|| Error::ImageUnsupported(name.to_string()))?;
        on_progress(ImportProgress::Processing);
        let (data, width, height) = match kind {
            Kind::Svg => {
                check_svg(name, bytes)?;
                (bytes.to_vec(), 0, 0)
            }
            _ => process_raster(name, bytes, kind, options)?,
        };
        on_progress(ImportProgress::Writing);
        let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned());
        let stem = stem.unwrap_or_default();
        let mut base = slugify(&stem);
        if base.is_empty() || base.starts_with('.') {
            base = "image".to_string();
        }
        // Keep room for the suffix and extension inside the usual 255-byte name limit.
        base.truncate(200);
        let folder = format!("{}/images/{post_slug}", self.conf.content_path);
        let folder_path = blog_path::resolve(&self.root, &folder)?;
        fs::create_dir_all(&folder_path).map_err(io("create folder", &folder_path))?;
        // Creating the folder may have followed a symlink: check again now that it exists.
        blog_path::resolve(&self.root, &folder)?;
        let (file_name, reused) = store_without_overwriting(&folder_path, &base, kind, &data)?;
        let alt = alt.map(str::to_string).unwrap_or_else(|| alt_from_name(&stem));
        let rst = image_directive(&format!("images/{post_slug}/{file_name}"), &alt);
        on_progress(ImportProgress::Done);
        Ok(ImportedImage { path: format!("{folder}/{file_name}"), rst, reused, width, height })
    }
}

/// The reST that shows the image at `in_content` (a path inside the content folder, such as
/// `images/slug/photo.png`) with the alt text `alt`. The `:alt:` value is the last thing in
/// it, so an editor can put the cursor there.
pub fn image_directive(in_content: &str, alt: &str) -> String {
    format!(".. image:: {{static}}/{in_content}\n   :alt: {}\n", alt.replace('\n', " "))
}

/// An alt text made from a file name's stem: `writing-desk` → `writing desk`.
pub(crate) fn alt_from_name(stem: &str) -> String {
    let words: Vec<&str> = stem.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "image".to_string()
    } else {
        words.join(" ")
    }
}

/// Decodes with limits, applies EXIF orientation, scales down and re-encodes, which drops
/// every metadata block (EXIF with GPS, XMP, text chunks). An upright JPEG or WebP that
/// fits loses only its metadata, its image data untouched. GIFs are kept as they are.
fn process_raster(
    name: &str,
    bytes: &[u8],
    kind: Kind,
    options: &ImportOptions,
) -> Result<(Vec<u8>, u32, u32)> {
    let bad = |e: image::ImageError| Error::ImageUnreadable {
        name: name.to_string(),
        message: e.to_string(),
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), kind.format())
        .into_dimensions()
        .map_err(bad)?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > options.max_pixels {
        return Err(Error::ImageTooManyPixels {
            name: name.to_string(),
            width,
            height,
            limit: options.max_pixels,
        });
    }
    // GIF carries no EXIF or orientation. Re-encoding one would drop the frames of an
    // animation and re-quantize its palette, so a GIF is kept as it is unless it is a single
    // frame that must be scaled down (`folio check` reports an animation that is too wide).
    if kind == Kind::Gif && (width <= options.max_width || is_animated_gif(bytes)) {
        return Ok((bytes.to_vec(), width, height));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    // Room for the decoded image at 16 bits per channel RGBA, and no more.
    limits.max_alloc = Some(pixels.saturating_mul(8).max(1 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(bad)?;
    let orientation = decoder.orientation().map_err(bad)?;
    // When nothing needs turning or scaling, the metadata is dropped from the file as it
    // is, without decoding: a JPEG re-encoded loses quality each time (and its colour
    // profile), and the encoder here writes lossless WebP only, which would blow a lossy
    // photo up many times.
    if width <= options.max_width && orientation == image::metadata::Orientation::NoTransforms {
        let stripped = match kind {
            Kind::Jpeg => strip_jpeg_metadata(bytes),
            Kind::WebP => strip_webp_metadata(bytes),
            _ => None,
        };
        if let Some(stripped) = stripped {
            return Ok((stripped, width, height));
        }
    }
    let mut img = DynamicImage::from_decoder(decoder).map_err(bad)?;
    img.apply_orientation(orientation);
    if img.width() > options.max_width {
        let new_height = (u64::from(img.height()) * u64::from(options.max_width)
            + u64::from(img.width()) / 2)
            / u64::from(img.width());
        let new_height = u32::try_from(new_height.max(1)).unwrap_or(u32::MAX);
        img = img.resize_exact(options.max_width, new_height, FilterType::Lanczos3);
    }
    let mut out = Cursor::new(Vec::new());
    let encoded = match kind {
        Kind::Jpeg => {
            let img = DynamicImage::ImageRgb8(img.to_rgb8());
            img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, options.jpeg_quality))
        }
        Kind::Gif => DynamicImage::ImageRgba8(img.to_rgba8()).write_to(&mut out, ImageFormat::Gif),
        Kind::WebP => {
            DynamicImage::ImageRgba8(img.to_rgba8()).write_to(&mut out, ImageFormat::WebP)
        }
        _ => img.write_to(&mut out, ImageFormat::Png),
    };
    encoded.map_err(bad)?;
    Ok((out.into_inner(), img.width(), img.height()))
}

/// The JPEG file without its metadata segments: APP1 (EXIF with GPS, XMP), APP13
/// (Photoshop's IPTC), comments and the other application segments. JFIF (APP0), the
/// colour profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14), which decoding
/// needs, stay; the image data is copied byte for byte. `None` when the marker structure is
/// not what the format requires.
fn strip_jpeg_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    const SOI: u8 = 0xD8;
    const EOI: u8 = 0xD9;
    const SOS: u8 = 0xDA;
    if bytes.get(..2)? != [0xFF, SOI] {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may pad before a marker.
        while bytes.get(at)? == &0xFF && bytes.get(at + 1)? == &0xFF {
            at += 1;
        }
        if bytes.get(at)? != &0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == EOI {
            out.extend_from_slice(&bytes[at..at + 2]);
            return Some(out);
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            return None; // a marker without a segment outside the image data
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        let end = at.checked_add(2)?.checked_add(length)?;
        let segment = bytes.get(at..end)?;
        if length < 2 {
            return None;
        }
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => segment[4..].starts_with(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        at = end;
        if marker == SOS {
            // Image data up to the next marker: 0xFF 0x00 is a data byte, 0xFF 0xD0-0xD7
            // a restart marker within it.
            let data_start = at;
            loop {
                let ff = at + bytes.get(at..)?.iter().position(|&b| b == 0xFF)?;
                let next = *bytes.get(ff + 1)?;
                if next == 0x00 || next == 0xFF || (0xD0..=0xD7).contains(&next) {
                    at = ff + 1;
                } else {
                    at = ff;
                    break;
                }
            }
            out.extend_from_slice(&bytes[data_start..at]);
        }
    }
}

/// The WebP file without its `EXIF` and `XMP ` chunks, with the VP8X flags saying so.
/// `None` when the RIFF structure is not what the format requires.
fn strip_webp_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return None;
    }
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut at = 12;
    while at < bytes.len() {
        let header = bytes.get(at..at + 8)?;
        let size = u32::from_le_bytes(header[4..8].try_into().ok()?) as usize;
        let end = at.checked_add(8)?.checked_add(size)?;
        let padded = end.checked_add(size % 2)?.min(bytes.len());
        let chunk = bytes.get(at..end)?;
        match &header[..4] {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut chunk = chunk.to_vec();
                // Flags: bit 3 = EXIF present, bit 2 = XMP present.
                *chunk.get_mut(8)? &= !0b0000_1100;
                out.extend_from_slice(&chunk);
                out.extend_from_slice(&bytes[end..padded]);
            }
            _ => out.extend_from_slice(&bytes[at..padded]),
        }
        at = padded;
    }
    let riff_size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Some(out)
}

fn is_animated_gif(bytes: &[u8]) -> bool {
    match GifDecoder::new(Cursor::new(bytes)) {
        Ok(decoder) => decoder.into_frames().take(2).count() > 1,
        Err(_) => false,
    }
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with('<') && text.contains("<svg")) && text.contains("</svg>")
}

/// Refuses SVG that could run script or reach outside the file when viewed: `<script>`,
/// `on…=` event handlers, `javascript:` URLs, `<foreignObject>`, entity declarations and
/// references (`href`) to anything but a fragment in the same file or inline `data:` images.
fn check_svg(name: &str, bytes: &[u8]) -> Result<()> {
    let unsafe_svg =
        |why: &str| Error::ImageUnsafeSvg { name: name.to_string(), reason: why.to_string() };
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    for (needle, why) in [
        ("<script", "it contains a <script> element"),
        ("javascript:", "it contains a javascript: URL"),
        ("<foreignobject", "it contains a <foreignObject> element"),
        ("<!entity", "it declares XML entities"),
        ("<iframe", "it embeds an <iframe>"),
        ("@import", "its style imports another file"),
    ] {
        if text.contains(needle) {
            return Err(unsafe_svg(why));
        }
    }
    let b = text.as_bytes();
    for (i, _) in text.match_indices("on") {
        let before_ok = i > 0 && b[i - 1].is_ascii_whitespace();
        let rest = &b[i + 2..];
        let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let after = &rest[letters..];
        let after = &after[after.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
        if before_ok && letters > 0 && after.first() == Some(&b'=') {
            return Err(unsafe_svg("it has an event handler attribute (on…=)"));
        }
    }
    for (i, _) in text.match_indices("href") {
        let rest = &text[i + 4..];
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        let value = rest.trim_start().trim_start_matches(['"', '\'']);
        if !(value.starts_with('#') || value.starts_with("data:image/")) {
            return Err(unsafe_svg("it references another file or address"));
        }
    }
    for (i, _) in text.match_indices("url(") {
        let value = text[i + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with('#') {
            return Err(unsafe_svg("its style references another file or address"));
        }
    }
    Ok(())
}

/// Writes `data` as `<base>.<ext>` in `folder`, or `<base>-2.<ext>`, `-3`… when a different
/// file already has the name. An identical file is reused. The new file appears whole or not
/// at all: it is written to a temporary file, synced, then hard-linked to its name, which
/// fails rather than replace a file created meanwhile.
fn store_without_overwriting(
    folder: &Path,
    base: &str,
    kind: Kind,
    data: &[u8],
) -> Result<(String, bool)> {
    let ext = kind.extension();
    // Process id and a per-process count: two imports at once never share a temporary file.
    static IMPORTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = IMPORTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = folder.join(format!(".{base}.folio-{}-{count}.tmp", std::process::id()));
    let mut tmp_written = false;
    let result = (|| {
        for n in 1u32..10_000 {
            let file_name =
                if n == 1 { format!("{base}.{ext}") } else { format!("{base}-{n}.{ext}") };
            let target = folder.join(&file_name);
            match fs::symlink_metadata(&target) {
                Ok(meta) => {
                    if meta.is_file() && fs::read(&target).map_err(io("read", &target))? == data {
                        return Ok((file_name, true));
                    }
                    continue;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io("inspect", &target)(e)),
            }
            if !tmp_written {
                write_synced(&tmp, data)?;
                tmp_written = true;
            }
            match fs::hard_link(&tmp, &target) {
                Ok(()) => return Ok((file_name, false)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                // Some file systems (FAT on a USB stick) have no hard links: create the file
                // exclusively instead, removing it if the write fails.
                Err(_) => match create_new_synced(&target, data) {
                    Ok(()) => return Ok((file_name, false)),
                    Err(Error::Io { source, .. })
                        if source.kind() == std::io::ErrorKind::AlreadyExists =>
                    {
                        continue
                    }
                    Err(e) => return Err(e),
                },
            }
        }
        Err(Error::Io {
            action: "find a free name in",
            path: folder.to_path_buf(),
            source: std::io::Error::other("too many files with the same name"),
        })
    })();
    if tmp_written {
        let _ = fs::remove_file(&tmp);
    }
    if let Ok(d) = File::open(folder) {
        let _ = d.sync_all();
    }
    result
}

fn write_synced(path: &PathBuf, data: &[u8]) -> Result<()> {
    let mut file = File::create(path).map_err(io("create", path))?;
    file.write_all(data).map_err(io("write", path))?;
    file.sync_all().map_err(io("flush to disk", path))
}

fn create_new_synced(path: &Path, data: &[u8]) -> Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io("create", path))?;
    let written = file.write_all(data).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(path);
        return Err(io("write", path)(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_jpeg() -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(8, 8, |x, y| image::Rgb([x as u8 * 30, y as u8 * 30, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    #[test]
    fn a_cut_or_malformed_jpeg_is_refused_never_half_copied() {
        let jpeg = small_jpeg();
        assert_eq!(strip_jpeg_metadata(&jpeg).as_deref(), Some(&jpeg[..]), "nothing to drop");
        // Cut anywhere before its end marker, there is no whole file to copy.
        for end in 0..jpeg.len() - 1 {
            assert_eq!(strip_jpeg_metadata(&jpeg[..end]), None, "cut at {end}");
        }
        // A restart marker where a segment belongs; a segment length shorter than itself.
        let restart = [&jpeg[..2], &[0xFF, 0xD0][..], &jpeg[2..]].concat();
        assert_eq!(strip_jpeg_metadata(&restart), None);
        let short = [&jpeg[..2], &[0xFF, 0xE1, 0x00, 0x01][..], &jpeg[2..]].concat();
        assert_eq!(strip_jpeg_metadata(&short), None);
        assert_eq!(strip_jpeg_metadata(b"not a jpeg"), None);
    }
}

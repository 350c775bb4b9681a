//! Importing images into a real blog folder in a temp dir.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use folio_blog::image_import::{ImportOptions, ImportProgress};
use folio_blog::{Blog, Error};
use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::{Delay, DynamicImage, Frame, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

fn blog() -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("pelicanconf.py"), "SITENAME = 'T'\n").unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    (dir, blog)
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 7]));
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img).write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

fn import(
    blog: &Blog,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> folio_blog::Result<(String, Vec<u8>)> {
    let imported =
        blog.import_image_bytes(slug, name, bytes, None, &ImportOptions::default(), |_| {})?;
    let stored = fs::read(blog.root().join(&imported.path)).unwrap();
    Ok((imported.path, stored))
}

/// A JPEG, left half red and right half blue, with an EXIF APP1 segment written by hand:
/// Orientation = `orientation` and a GPS IFD holding a latitude reference.
fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([255, 0, 0])
        } else {
            Rgb([0, 0, 255])
        }
    });
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut plain, 100))
        .unwrap();
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian, IFD0 at 8
    tiff.extend_from_slice(&2u16.to_be_bytes()); // 2 entries
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // Orientation, SHORT, 1
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]); // GPSInfo, LONG, 1
    tiff.extend_from_slice(&38u32.to_be_bytes()); // GPS IFD right after IFD0
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    tiff.extend_from_slice(&1u16.to_be_bytes()); // GPS IFD: 1 entry
    tiff.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2]); // GPSLatitudeRef, ASCII, 2
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_wide_png_is_scaled_down_to_the_max_width_keeping_its_aspect_ratio() {
    let (_dir, blog) = blog();
    let options = ImportOptions { max_width: 150, ..ImportOptions::default() };
    let imported = blog
        .import_image_bytes("trip", "wide.png", &png(300, 100), None, &options, |_| {})
        .unwrap();
    assert_eq!((imported.width, imported.height), (150, 50));
    let stored = blog.root().join(&imported.path);
    assert_eq!(
        image::image_dimensions(&stored).unwrap(),
        (150, 50),
        "the file on disk is the scaled one"
    );
    assert_eq!(imported.path, "content/images/trip/wide.png");
    assert_eq!(imported.rst, ".. image:: {static}/images/trip/wide.png\n   :alt: wide\n");
}

#[test]
fn a_narrow_png_keeps_its_size_and_progress_is_reported_in_order() {
    let (_dir, blog) = blog();
    let mut steps = Vec::new();
    let imported = blog
        .import_image_bytes(
            "p",
            "small.png",
            &png(40, 30),
            Some("A chart"),
            &ImportOptions::default(),
            |p| steps.push(p),
        )
        .unwrap();
    assert_eq!((imported.width, imported.height), (40, 30));
    assert!(imported.rst.ends_with("   :alt: A chart\n"));
    assert_eq!(
        steps,
        [
            ImportProgress::Reading,
            ImportProgress::Processing,
            ImportProgress::Writing,
            ImportProgress::Done
        ]
    );
}

#[test]
fn jpeg_exif_orientation_is_applied_and_no_exif_or_gps_is_left() {
    let (_dir, blog) = blog();
    let source = jpeg_with_exif(16, 8, 6);
    let decoded = image::load_from_memory(&source).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (16, 8), "decoders that ignore EXIF see 16×8");
    let (path, stored) = import(&blog, "photos", "IMG_0001.JPG", &source).unwrap();
    assert_eq!(path, "content/images/photos/img_0001.jpg");
    let img = image::load_from_memory(&stored).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (8, 16), "orientation 6 turns a landscape image upright");
    // Rotating 90° clockwise puts the old left (red) half on top, the right (blue) below.
    let top = img.get_pixel(4, 2);
    let bottom = img.get_pixel(4, 13);
    assert!(top[0] > 200 && top[2] < 60, "top is red: {top:?}");
    assert!(bottom[2] > 200 && bottom[0] < 60, "bottom is blue: {bottom:?}");
    let has = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"Exif"), "the EXIF block is gone");
    assert!(!has(&[0x88, 0x25]), "no GPS IFD pointer is left");
    assert!(!has(&[0xFF, 0xE1]), "no APP1 segment is left");
}

/// A JPEG segment: marker, length, data.
fn segment(marker: u8, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(data);
    out
}

#[test]
fn an_upright_jpeg_loses_its_metadata_but_not_a_bit_of_its_image_or_colour_profile() {
    let (_dir, blog) = blog();
    // Orientation 1 (upright) with a GPS IFD, then a colour profile, a comment, XMP and
    // Photoshop's IPTC block.
    let with_exif = jpeg_with_exif(16, 8, 1);
    let exif_len = usize::from(u16::from_be_bytes([with_exif[4], with_exif[5]])) + 2;
    let (soi, exif, rest) =
        (&with_exif[..2], &with_exif[2..2 + exif_len], &with_exif[2 + exif_len..]);
    let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01not a real profile");
    let source = [
        soi,
        exif,
        &icc,
        &segment(0xFE, b"taken at home"),
        &segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"),
        &segment(0xED, b"Photoshop 3.0\08BIM"),
        rest,
    ]
    .concat();
    let (_, stored) = import(&blog, "photos", "upright.jpg", &source).unwrap();
    // What is left is the file without those segments, byte for byte: nothing re-encoded.
    assert_eq!(stored, [soi, &icc, rest].concat());
    let has = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"Exif") && !has(&[0x88, 0x25]) && !has(b"taken at home") && !has(b"xmpmeta"));
    assert!(!has(b"8BIM"));
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (16, 8));
}

#[test]
fn an_animated_gif_is_kept_byte_for_byte() {
    let (_dir, blog) = blog();
    let mut gif = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut gif);
        let frames = [Rgba([255, 0, 0, 255]), Rgba([0, 255, 0, 255])].map(|c| {
            Frame::from_parts(
                RgbaImage::from_pixel(5, 4, c),
                0,
                0,
                Delay::from_numer_denom_ms(100, 1),
            )
        });
        encoder.encode_frames(frames).unwrap();
    }
    let (path, stored) = import(&blog, "anim", "Spinner.gif", &gif).unwrap();
    assert_eq!(path, "content/images/anim/spinner.gif");
    assert_eq!(stored, gif, "the animation is not re-encoded");
    let narrow = ImportOptions { max_width: 2, ..ImportOptions::default() };
    let kept = blog.import_image_bytes("anim", "wide.gif", &gif, None, &narrow, |_| {}).unwrap();
    let stored = fs::read(blog.root().join(&kept.path)).unwrap();
    assert_eq!(stored, gif, "even over the max width: scaling would drop all frames but one");
}

#[test]
fn a_single_frame_gif_over_the_max_width_is_scaled_down() {
    let (_dir, blog) = blog();
    let mut gif = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(40, 20, Rgba([0, 0, 255, 255])))
        .write_to(&mut gif, ImageFormat::Gif)
        .unwrap();
    let options = ImportOptions { max_width: 10, ..ImportOptions::default() };
    let imported =
        blog.import_image_bytes("p", "flat.gif", gif.get_ref(), None, &options, |_| {}).unwrap();
    let stored = blog.root().join(&imported.path);
    assert_eq!(image::image_dimensions(stored).unwrap(), (10, 5));
}

#[test]
fn the_same_image_twice_is_reused_and_a_different_one_gets_a_suffix() {
    let (_dir, blog) = blog();
    let (first, first_bytes) = import(&blog, "p", "shot.png", &png(10, 10)).unwrap();
    let again = blog
        .import_image_bytes("p", "shot.png", &png(10, 10), None, &ImportOptions::default(), |_| {})
        .unwrap();
    assert_eq!(again.path, first);
    assert!(again.reused);
    let (second, _) = import(&blog, "p", "shot.png", &png(12, 10)).unwrap();
    let (third, _) = import(&blog, "p", "shot.png", &png(14, 10)).unwrap();
    assert_eq!(second, "content/images/p/shot-2.png");
    assert_eq!(third, "content/images/p/shot-3.png");
    assert_eq!(
        fs::read(blog.root().join(&first)).unwrap(),
        first_bytes,
        "the first file is untouched"
    );
    let names: Vec<_> = fs::read_dir(blog.root().join("content/images/p"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file is left: {names:?}");
}

#[test]
fn a_user_file_already_at_the_name_is_never_overwritten() {
    let (_dir, blog) = blog();
    let folder = blog.root().join("content/images/p");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("cat.png"), b"the user's own file").unwrap();
    let (path, _) = import(&blog, "p", "cat.png", &png(3, 3)).unwrap();
    assert_eq!(path, "content/images/p/cat-2.png");
    assert_eq!(fs::read(folder.join("cat.png")).unwrap(), b"the user's own file");
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    let (_dir, blog) = blog();
    // A real 1×1 PNG whose header then claims 100000×100000 pixels (with a valid CRC).
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let err = import(&blog, "p", "bomb.png", &bomb).unwrap_err();
    assert!(
        matches!(err, Error::ImageTooManyPixels { width: 100_000, height: 100_000, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("bomb.png"), "the error names the file: {err}");
    assert!(!blog.root().join("content/images/p/bomb.png").exists());
}

#[test]
fn a_file_over_the_byte_limit_is_refused_naming_the_file() {
    let (dir, blog) = blog();
    let file = dir.path().join("huge photo.png");
    fs::write(&file, png(64, 64)).unwrap();
    let options = ImportOptions { max_bytes: 100, ..ImportOptions::default() };
    let err = blog.import_image_file("p", &file, None, &options, |_| {}).unwrap_err();
    assert!(matches!(err, Error::ImageTooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge photo.png"), "{err}");
}

#[test]
fn the_format_comes_from_the_bytes_not_the_name() {
    let (_dir, blog) = blog();
    let (path, _) = import(&blog, "p", "really-a-png.jpg", &png(4, 4)).unwrap();
    assert_eq!(path, "content/images/p/really-a-png.png");
    let err = import(&blog, "p", "notes.png", b"just some text").unwrap_err();
    assert!(matches!(err, Error::ImageUnsupported(_)), "{err}");
}

#[test]
fn a_plain_svg_is_copied_as_is_and_unsafe_ones_are_refused() {
    let (_dir, blog) = blog();
    let good = br##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>"##;
    let (path, stored) = import(&blog, "p", "Logo.svg", good).unwrap();
    assert_eq!(path, "content/images/p/logo.svg");
    assert_eq!(stored, good);
    let bad: [&[u8]; 5] = [
        b"<svg><script>alert(1)</script></svg>",
        b"<svg><rect onload=\"alert(1)\"/></svg>",
        b"<svg><foreignObject><p>x</p></foreignObject></svg>",
        b"<svg><image href=\"https://tracker.example/p.png\"/></svg>",
        b"<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    ];
    for svg in bad {
        let err = import(&blog, "p", "bad.svg", svg).unwrap_err();
        assert!(
            matches!(err, Error::ImageUnsafeSvg { .. }),
            "{}: {err}",
            String::from_utf8_lossy(svg)
        );
    }
    assert!(!blog.root().join("content/images/p/bad.svg").exists());
}

#[test]
fn a_post_slug_that_would_leave_the_blog_is_refused() {
    let (_dir, blog) = blog();
    for slug in ["../outside", "a/../../b", "/etc", "", ".."] {
        let err = import(&blog, slug, "x.png", &png(2, 2)).unwrap_err();
        assert!(matches!(err, Error::OutsideBlog(_)), "{slug:?}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn an_images_folder_symlinked_out_of_the_blog_is_refused() {
    let (_dir, blog) = blog();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), blog.root().join("content/images")).unwrap();
    let err = import(&blog, "p", "x.png", &png(2, 2)).unwrap_err();
    assert!(matches!(err, Error::OutsideBlog(_)), "{err}");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0, "nothing written outside");
}

#[test]
fn odd_file_names_with_spaces_and_unicode_become_safe_slugs() {
    let (dir, blog) = blog();
    let file = dir.path().join("Café Photo (1) — été.PNG");
    fs::write(&file, png(5, 5)).unwrap();
    let imported =
        blog.import_image_file("voyage", &file, None, &ImportOptions::default(), |_| {}).unwrap();
    assert_eq!(imported.path, "content/images/voyage/cafe-photo-1-ete.png");
    assert_eq!(
        imported.rst,
        ".. image:: {static}/images/voyage/cafe-photo-1-ete.png\n   :alt: Café Photo (1) — été\n"
    );
    let (path, _) = import(&blog, "voyage", "日本.png", &png(6, 6)).unwrap();
    assert_eq!(
        path, "content/images/voyage/ri-ben.png",
        "transliterated, as Pelican's slugify does"
    );
    let (path, _) = import(&blog, "voyage", "!!!.png", &png(6, 6)).unwrap();
    assert_eq!(
        path, "content/images/voyage/image.png",
        "a name with nothing left falls back to `image`"
    );
    let long = format!("{}.png", "a".repeat(300));
    let (path, _) = import(&blog, "voyage", &long, &png(7, 7)).unwrap();
    assert!(path.len() < 260 && Path::new(&path).file_name().unwrap().len() <= 255, "{path}");
}

#[test]
fn a_webp_keeps_its_image_data_and_loses_its_exif_and_gps() {
    let (_dir, blog) = blog();
    let mut plain = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(6, 3, Rgba([9, 99, 199, 255])))
        .write_to(&mut plain, ImageFormat::WebP)
        .unwrap();
    let plain = plain.into_inner();
    let image_chunk = &plain[12..];
    // The same image in the extended format, with an EXIF chunk holding a GPS IFD.
    let exif = &jpeg_with_exif(2, 2, 1);
    let tiff_at = exif.windows(6).position(|w| w == b"Exif\0\0").unwrap() + 6;
    let tiff = &exif[tiff_at..tiff_at + 56];
    let mut vp8x = b"VP8X".to_vec();
    vp8x.extend_from_slice(&10u32.to_le_bytes());
    vp8x.extend_from_slice(&[0b0000_1000, 0, 0, 0, 5, 0, 0, 2, 0, 0]);
    let mut exif_chunk = b"EXIF".to_vec();
    exif_chunk.extend_from_slice(&(tiff.len() as u32).to_le_bytes());
    exif_chunk.extend_from_slice(tiff);
    let body = [&vp8x[..], image_chunk, &exif_chunk[..]].concat();
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
    webp.extend_from_slice(b"WEBP");
    webp.extend_from_slice(&body);
    assert_eq!(image::load_from_memory(&webp).unwrap().width(), 6, "the crafted file is valid");

    let (path, stored) = import(&blog, "p", "pic.webp", &webp).unwrap();
    assert_eq!(path, "content/images/p/pic.webp");
    let has = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"EXIF") && !has(&[0x88, 0x25]), "no EXIF chunk and no GPS pointer left");
    assert!(has(image_chunk), "the image data is kept as it was");
    assert_eq!(&stored[12..16], b"VP8X", "the container is kept, so nothing was re-encoded");
    assert_eq!(stored[20], 0, "the VP8X flags no longer announce EXIF");
    let riff_size = u32::from_le_bytes(stored[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff_size + 8, stored.len(), "the RIFF size matches the shorter file");
    let decoded = image::load_from_memory(&stored).unwrap().to_rgba8();
    assert_eq!(decoded.dimensions(), (6, 3));
    assert_eq!(decoded.get_pixel(2, 1), &Rgba([9, 99, 199, 255]));
}

#[test]
fn parallel_imports_of_different_images_with_one_name_all_land_under_distinct_names() {
    let (_dir, blog) = blog();
    let paths: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|i| {
                let blog = &blog;
                scope.spawn(move || import(blog, "p", "same.png", &png(10 + i, 10)).unwrap().0)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut unique = paths.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 6, "no import replaced another: {paths:?}");
    let files = fs::read_dir(blog.root().join("content/images/p")).unwrap().count();
    assert_eq!(files, 6, "six images and no temporary file left");
}

#[test]
fn the_image_panel_lists_the_post_folder_and_its_references_and_marks_orphans() {
    let (dir, blog) = blog();
    let content = dir.path().join("content");
    fs::write(
        content.join("trip.rst"),
        "Trip\n####\n\n:slug: trip\n\n.. image:: {static}/images/shared/map.png\n   :alt: map\n\n\
         .. image:: {static}/images/trip/used.png\n",
    )
    .unwrap();
    fs::write(content.join("other.rst"), "Other\n#####\n\nSee images/trip/elsewhere.png\n")
        .unwrap();
    for name in ["trip/used.png", "trip/unused.png", "trip/elsewhere.png", "shared/map.png"] {
        let path = content.join("images").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, png(4, 4)).unwrap();
    }
    fs::write(content.join("images/trip/notes.txt"), "not an image").unwrap();

    let images = blog.list_post_images("content/trip.rst", None).unwrap();
    let summary: Vec<(&str, bool, bool)> =
        images.iter().map(|i| (i.path.as_str(), i.in_post, i.orphan)).collect();
    assert_eq!(
        summary,
        [
            // Referenced by this post though filed elsewhere.
            ("content/images/shared/map.png", true, false),
            // In the folder, used by another post only.
            ("content/images/trip/elsewhere.png", false, false),
            // In the folder and used by nobody: the orphan.
            ("content/images/trip/unused.png", false, true),
            ("content/images/trip/used.png", true, false),
        ]
    );
    assert_eq!(images[2].rst, ".. image:: {static}/images/trip/unused.png\n   :alt: unused\n");
    assert_eq!(blog.post_slug("content/other.rst").unwrap(), "other", "no :slug: → file stem");

    // The writer's unsaved text counts: an image just inserted is in the post and used,
    // and one just taken out is no longer in it.
    let editing =
        fs::read_to_string(content.join("trip.rst")).unwrap().replace("used.png", "unused.png");
    let images = blog.list_post_images("content/trip.rst", Some(&editing)).unwrap();
    let unused = images.iter().find(|i| i.name == "unused.png").unwrap();
    assert!(unused.in_post && !unused.orphan, "{unused:?}");
    let used = images.iter().find(|i| i.name == "used.png").unwrap();
    assert!(!used.in_post && used.orphan, "{used:?}");

    let trashed = blog.delete_image("content/images/trip/unused.png").unwrap();
    assert!(!content.join("images/trip/unused.png").exists());
    assert!(dir.path().join(&trashed).is_file(), "the image waits in the trash");
    assert_eq!(blog.list_post_images("content/trip.rst", None).unwrap().len(), 3);
    assert_eq!(blog.restore_post(&trashed).unwrap(), "content/images/trip/unused.png");
    // Only images under content/images can be deleted this way.
    assert!(blog.delete_image("content/trip.rst").is_err());
    assert!(blog.delete_image("pelicanconf.py").is_err());
}

#include "elements/image/pngdec.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "elements/image/raw_video.hpp"

namespace gstmini {

const ElementClass& PngDec::element_class() {
  static const ElementClass klass{
      "pngdec",
      "PNG image decoder",
      "Codec/Decoder/Image",
      "Decode a png video frame to a raw image",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always, "image/png"},
       {"src", PadDirection::Src, PadPresence::Always,
        "video/x-raw, format=(string){ RGBA, RGB, ARGB64, GRAY8, GRAY16_BE }, "
        "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ]"}},
      {}};
  return klass;
}

PngDec::PngDec(std::string name) : ImageDecoder(element_class(), std::move(name)) {}

namespace {

// libpng reports errors by longjmp: everything below that can be jumped
// over is plain C data (no destructors are skipped). Each setjmp lives in a
// small function whose frame stays alive while libpng runs.
struct ReadContext {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos;
  char message[200];
};

void on_error(png_structp png, png_const_charp text) {
  auto* ctx = static_cast<ReadContext*>(png_get_error_ptr(png));
  std::snprintf(ctx->message, sizeof ctx->message, "libpng error: %s", text);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

void on_read(png_structp png, png_bytep out, png_size_t length) {
  auto* ctx = static_cast<ReadContext*>(png_get_io_ptr(png));
  if (length > ctx->size - ctx->pos) png_error(png, "read past the end of the image");
  std::memcpy(out, ctx->data + ctx->pos, length);
  ctx->pos += length;
}

// gst_pngdec_caps_create_and_set's transformations, then the output shape.
bool read_info(png_structp png, png_infop info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_info(png, info);
  const int depth = png_get_bit_depth(png, info);
  const int type = png_get_color_type(png, info);
  if (depth > 8 && type != PNG_COLOR_TYPE_GRAY) {
    // GStreamer labels 16-bit colour ARGB64: native-endian A, R, G, B.
    if (type & PNG_COLOR_MASK_ALPHA)
      png_set_swap_alpha(png);
    else
      png_set_add_alpha(png, 0xffff, PNG_FILLER_BEFORE);
    png_set_swap(png);
  }
  if (type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
  if ((type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA) && depth < 8)
    png_set_expand_gray_1_2_4_to_8(png);
  if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  return true;
}

bool read_rows(png_structp png, png_infop info, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  png_read_end(png, info);
  return true;
}

const char* output_format(int color_type, int depth) {
  switch (color_type) {
    case PNG_COLOR_TYPE_RGB:
      return depth == 8 ? "RGB" : nullptr;
    case PNG_COLOR_TYPE_RGB_ALPHA:
      return depth == 8 ? "RGBA" : depth == 16 ? "ARGB64" : nullptr;
    case PNG_COLOR_TYPE_GRAY:
      return depth == 8 ? "GRAY8" : depth == 16 ? "GRAY16_BE" : nullptr;
    default:
      return nullptr;  // grey+alpha with tRNS, ...: not a GStreamer format
  }
}

struct PngReader {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngReader() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

}  // namespace

bool PngDec::decode(const std::uint8_t* data, std::size_t size, Frame& frame, std::string* error) {
  auto header = read_png_header(data, size);
  if (!header) {
    *error = "the image does not start with a PNG signature and an IHDR chunk";
    return false;
  }
  if (header->width == 0 || header->height == 0 || header->width > kMaxImageDimension ||
      header->height > kMaxImageDimension) {
    *error = "invalid image size " + std::to_string(header->width) + "x" +
             std::to_string(header->height) + " in the PNG header (1 to " +
             std::to_string(kMaxImageDimension) + " pixels each way)";
    return false;
  }
  ReadContext ctx{data, size, 0, {0}};
  PngReader reader;
  reader.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
  if (reader.png) reader.info = png_create_info_struct(reader.png);
  if (!reader.png || !reader.info) {
    *error = "Failed to initialize png structure";
    return false;
  }
  png_set_read_fn(reader.png, &ctx, on_read);
  if (!read_info(reader.png, reader.info)) {
    *error = ctx.message;
    return false;
  }
  png_uint_32 width = 0, height = 0;
  int depth = 0, color_type = 0;
  png_get_IHDR(reader.png, reader.info, &width, &height, &depth, &color_type, nullptr, nullptr,
               nullptr);
  const char* format = output_format(color_type, depth);
  if (!format) {
    *error = "pngdec does not support this color type";
    return false;
  }
  auto layout = raw_video_layout(format, width, height);
  if (!layout || layout->size > kMaxFrameBytes) {
    *error = "a " + std::to_string(width) + "x" + std::to_string(height) + " " + format +
             " frame needs " + std::to_string(layout ? layout->size : 0) +
             " bytes, more than the " + std::to_string(kMaxFrameBytes) +
             " a decoded frame may take: refused before allocating it";
    return false;
  }
  if (png_get_rowbytes(reader.png, reader.info) > layout->stride[0]) {
    *error = "libpng rows are wider than the frame's stride";
    return false;
  }
  Buffer buffer = allocate_frame(static_cast<std::size_t>(layout->size));
  std::uint8_t* pixels = buffer.map_writable();
  std::vector<png_bytep> rows(height);
  for (png_uint_32 y = 0; y < height; ++y) rows[y] = pixels + std::size_t{y} * layout->stride[0];
  if (!read_rows(reader.png, reader.info, rows.data())) {
    *error = ctx.message;
    return false;
  }
  frame.format = format;
  frame.width = width;
  frame.height = height;
  frame.buffer = std::move(buffer);
  return true;
}

}  // namespace gstmini

#include "elements/image/pngenc.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>

namespace gstmini {

const ElementClass& PngEnc::element_class() {
  static const ElementClass klass{
      "pngenc",
      "PNG image encoder",
      "Codec/Encoder/Image",
      "Encode a video frame to a .png image",
      "gstmini",
      {{"sink", PadDirection::Sink, PadPresence::Always,
        "video/x-raw, format=(string){ RGBA, RGB, GRAY8, GRAY16_BE }, "
        "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ]"},
       {"src", PadDirection::Src, PadPresence::Always,
        "image/png, width=(int)[ 1, 1000000 ], height=(int)[ 1, 1000000 ], "
        "framerate=(fraction)[ 0/1, 2147483647/1 ]"}},
      {PropertySpec::uint64("compression-level", kDefaultCompressionLevel, 0, 9,
                            "PNG compression level"),
       PropertySpec::boolean("snapshot", false,
                             "Send EOS after encoding a frame, useful for snapshots")}};
  return klass;
}

PngEnc::PngEnc(std::string name) : ImageEncoder(element_class(), std::move(name)) {}

namespace {

// As in pngdec: libpng's longjmp only crosses plain C data.
struct WriteContext {
  std::vector<std::uint8_t>* out;
  char message[200];
};

void on_error(png_structp png, png_const_charp text) {
  auto* ctx = static_cast<WriteContext*>(png_get_error_ptr(png));
  std::snprintf(ctx->message, sizeof ctx->message, "libpng error: %s", text);
  png_longjmp(png, 1);
}
void on_warning(png_structp, png_const_charp) {}

void on_write(png_structp png, png_bytep data, png_size_t length) {
  auto* ctx = static_cast<WriteContext*>(png_get_io_ptr(png));
  ctx->out->insert(ctx->out->end(), data, data + length);
}
void on_flush(png_structp) {}

struct PngParams {
  png_uint_32 width, height;
  int depth, color_type, level;
};

bool write_image(png_structp png, png_infop info, const PngParams& p, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_filter(png, 0, PNG_FILTER_NONE | PNG_FILTER_VALUE_NONE);
  png_set_compression_level(png, p.level);
  png_set_IHDR(png, info, p.width, p.height, p.depth, p.color_type, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  return true;
}

struct PngWriter {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngWriter() { png_destroy_write_struct(&png, info ? &info : nullptr); }
};

}  // namespace

bool PngEnc::encode(const Input& input, const std::uint8_t* pixels,
                    std::vector<std::uint8_t>* image, std::string* error) {
  PngParams params{input.width, input.height, 8, PNG_COLOR_TYPE_RGB,
                   static_cast<int>(get<std::uint64_t>("compression-level"))};
  if (input.format == "RGBA") params.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  if (input.format == "GRAY8") params.color_type = PNG_COLOR_TYPE_GRAY;
  if (input.format == "GRAY16_BE") {
    params.color_type = PNG_COLOR_TYPE_GRAY;
    params.depth = 16;  // PNG samples are big-endian, like GRAY16_BE: no swap
  }
  WriteContext ctx{image, {0}};
  PngWriter writer;
  writer.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
  if (writer.png) writer.info = png_create_info_struct(writer.png);
  if (!writer.png || !writer.info) {
    *error = "Failed to initialize png structure";
    return false;
  }
  png_set_write_fn(writer.png, &ctx, on_write, on_flush);
  std::vector<png_bytep> rows(input.height);
  for (std::uint32_t y = 0; y < input.height; ++y)
    rows[y] = const_cast<png_bytep>(pixels + std::size_t{y} * input.layout.stride[0]);
  image->reserve(input.layout.size / 2 + 4096);
  if (!write_image(writer.png, writer.info, params, rows.data())) {
    *error = ctx.message;
    return false;
  }
  return true;
}

}  // namespace gstmini

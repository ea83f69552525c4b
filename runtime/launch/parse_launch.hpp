// parse_launch: a pipeline from a gst-launch line (gst_parse_launch).
//
//   auto pipeline = gstmini::parse_launch("fakesrc num-buffers=10 ! identity ! fakesink");
//   pipeline->set_state(gstmini::State::Playing);
//
// The syntax is GStreamer's (gst-launch-1.0(1)):
//   element prop=value ...         an element with properties ("..." / '...' quote, \ escapes)
//   a ! b                          a link
//   a ! video/x-raw,width=320 ! b  a caps filter (a capsfilter element between a and b)
//   tee name=t  t. ! queue         a reference to a named element, anywhere in the line
//   t.src_1 ! queue  a .src ! .sink b   a reference to a pad ("name." alone: any free pad)
//   a ! b  c ! d                   several chains in one line
// Elements are created and their properties set in the order they appear;
// then direct links are made in order, then links through references (like
// GStreamer, so request pads are numbered the same way). Bins ("(...)",
// "bin.(...)") and URIs are refused with a ParseError.
//
// Every error is a ParseError that marks where in the line it is:
//   no element "fakesnk"
//     fakesrc ! fakesnk
//               ^~~~~~~
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/pipeline.hpp"

namespace gstmini {

class ParseError : public std::runtime_error {
 public:
  // what() = message + "\n  " + line + "\n  " + caret line ("    ^~~~").
  ParseError(std::string message, std::string line, std::size_t position, std::size_t length);

  const std::string& message() const { return message_; }
  const std::string& line() const { return line_; }
  // Byte offset and byte length of what the error is about in line().
  std::size_t position() const { return position_; }
  std::size_t length() const { return length_; }

 private:
  std::string message_;
  std::string line_;
  std::size_t position_;
  std::size_t length_;
};

// The caret line under `line` for [position, position + length): spaces, '^',
// then '~'. Counts characters (UTF-8 code points), not bytes, so it lines up.
std::string caret_line(const std::string& line, std::size_t position, std::size_t length);

// Builds (but does not start) a pipeline from a gst-launch line. Throws ParseError.
std::unique_ptr<Pipeline> parse_launch(const std::string& description,
                                       PipelineOptions options = PipelineOptions::from_env());
// gst-launch's argv form: the arguments joined by spaces (as gst_parse_launchv
// does: spaces inside an argument, outside double quotes, are escaped so an
// argument stays one word, e.g. the caps "video/x-raw, width=320").
std::unique_ptr<Pipeline> parse_launchv(const std::vector<std::string>& argv,
                                        PipelineOptions options = PipelineOptions::from_env());
// The line parse_launchv parses.
std::string join_launch_argv(const std::vector<std::string>& argv);

}  // namespace gstmini

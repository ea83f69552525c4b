// A multifile location pattern ("frame-%05d.png"): a printf format with
// exactly one integer conversion, as multifile_utils_check_template_string
// accepts. The pattern is checked once; formatting never runs the user's
// text through printf unchecked.
#pragma once

#include <optional>
#include <string>

namespace gstmini {

class FilePattern {
 public:
  // nullopt when `pattern` has more than one conversion or one that is not
  // an integer (%s, %n, ...); "%%" stands for '%'. No conversion at all is
  // fine, as in GStreamer: every index gives the same name.
  static std::optional<FilePattern> parse(const std::string& pattern);
  std::string format(int index) const;

 private:
  std::string prefix_;  // "%%" already turned into '%'
  std::string spec_;    // "%05d"
  std::string suffix_;
};

}  // namespace gstmini

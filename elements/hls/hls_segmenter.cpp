#include "elements/hls/hls_segmenter.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace gstmini {

namespace {

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// EXTINF's decimal seconds, as GStreamer's m3u8 writer prints them.
std::string seconds(ClockTime t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(t) / 1e9);
  return text;
}

}  // namespace

bool format_segment_location(const std::string& pattern, std::uint64_t index, std::string* out,
                             std::string* error) {
  std::string result;
  int conversions = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      result += pattern[i];
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      result += '%';
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    const bool zero = j < pattern.size() && pattern[j] == '0';
    std::size_t width = 0;
    while (j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])))
      width = width * 10 + static_cast<std::size_t>(pattern[j++] - '0');
    if (j >= pattern.size() || (pattern[j] != 'd' && pattern[j] != 'u' && pattern[j] != 'i')) {
      *error = "location \"" + pattern +
               "\" has a conversion other than an integer (%d, %05d, %u): it needs exactly one";
      return false;
    }
    if (width > 32) {
      *error = "location \"" + pattern + "\": field width " + std::to_string(width) + " too large";
      return false;
    }
    std::string number = std::to_string(index);
    if (number.size() < width) number.insert(0, width - number.size(), zero ? '0' : ' ');
    result += number;
    ++conversions;
    i = j;
  }
  if (conversions != 1) {
    *error = "location \"" + pattern + "\" must contain exactly one integer conversion such as " +
             "%05d, found " + std::to_string(conversions);
    return false;
  }
  *out = std::move(result);
  return true;
}

HlsSegmenter::HlsSegmenter(HlsSettings settings, SegmentStorage& storage)
    : settings_(std::move(settings)), storage_(storage) {}

bool HlsSegmenter::validate(const HlsSettings& settings, std::string* error) {
  std::string unused;
  if (!format_segment_location(settings.location, 0, &unused, error)) return false;
  if (settings.playlist_location.empty()) {
    *error = "playlist-location is empty";
    return false;
  }
  return true;
}

ClockTime HlsSegmenter::next_cut_time() const {
  if (!open_ || settings_.target_duration == 0) return kClockTimeNone;
  return current_.start + settings_.target_duration * kSecond;
}

void HlsSegmenter::open(ClockTime start) {
  std::string error;
  current_ = Fragment{};
  current_.index = next_index_++;
  format_segment_location(settings_.location, current_.index, &current_.location, &error);
  current_.uri = base_name(current_.location);
  if (!settings_.playlist_root.empty()) current_.uri = settings_.playlist_root + "/" + current_.uri;
  current_.start = start;
  bytes_.clear();
  open_ = true;
}

HlsSegmenter::AddResult HlsSegmenter::add(const std::uint8_t* data, std::size_t size, bool keyframe,
                                          ClockTime running_time, ClockTime end) {
  AddResult result;
  if (!open_ && !keyframe) {
    dropped_ += size;
    return result;
  }
  const ClockTime due = next_cut_time();
  if (open_ && keyframe && is_valid(due) && is_valid(running_time) && running_time >= due)
    result.closed = close_current(running_time);
  if (!open_) {
    open(is_valid(running_time) ? running_time : (is_valid(end_) ? end_ : 0));
    result.opened = true;
  }
  bytes_.insert(bytes_.end(), data, data + size);
  if (is_valid(end) && (!is_valid(end_) || end > end_)) end_ = end;
  return result;
}

HlsSegmenter::Fragment HlsSegmenter::close_current(ClockTime end) {
  Fragment done = current_;
  done.duration = is_valid(end) && end > done.start ? end - done.start : 0;
  open_ = false;
  storage_.write_segment(done.location, bytes_);
  bytes_.clear();
  bytes_.shrink_to_fit();
  longest_ = std::max(longest_, done.duration);
  listed_.push_back(done);
  if (settings_.playlist_length > 0)
    while (listed_.size() > settings_.playlist_length) listed_.pop_front();
  on_disk_.push_back(done.location);
  storage_.write_playlist(settings_.playlist_location, playlist_text(false));
  if (settings_.max_files > 0)
    while (on_disk_.size() > settings_.max_files) {
      storage_.remove_segment(on_disk_.front());
      on_disk_.pop_front();
    }
  return done;
}

std::optional<HlsSegmenter::Fragment> HlsSegmenter::finish() {
  std::optional<Fragment> closed;
  if (open_) closed = close_current(end_);
  storage_.write_playlist(settings_.playlist_location, playlist_text(true));
  return closed;
}

std::string HlsSegmenter::playlist_text(bool ended) const {
  // EXT-X-TARGETDURATION must be at least every EXTINF rounded to the
  // nearest second (RFC 8216, 4.3.3.1).
  std::uint64_t target = settings_.target_duration;
  const std::uint64_t longest_s = (longest_ + kSecond / 2) / kSecond;
  target = std::max<std::uint64_t>({target, longest_s, 1});
  std::string text = "#EXTM3U\n#EXT-X-VERSION:3\n";
  text +=
      "#EXT-X-MEDIA-SEQUENCE:" + std::to_string(listed_.empty() ? 0 : listed_.front().index) + "\n";
  text += "#EXT-X-TARGETDURATION:" + std::to_string(target) + "\n\n";
  for (const Fragment& f : listed_) text += "#EXTINF:" + seconds(f.duration) + ",\n" + f.uri + "\n";
  if (ended) text += "#EXT-X-ENDLIST\n";
  return text;
}

}  // namespace gstmini

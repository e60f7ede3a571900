// Writes a report where it belongs: standard output, or a file that is replaced only once the new
// report is completely written, so a failed run never leaves half a report. A report can be
// written piece by piece (row by row) through a byte_sink, or as one finished text.
#pragma once

#include <string>
#include <string_view>

namespace retain {

/// Where the text of a report goes, in pieces. The row sinks of row_sink.h write to one.
class byte_sink {
 public:
  virtual ~byte_sink() = default;
  /// Appends `text`; throws retain::error when it cannot be written.
  virtual void write(std::string_view text) = 0;
  /// True once the reader has gone (a closed pipe): later writes are dropped, and a writer may
  /// stop making text.
  virtual bool closed() const { return false; }
};

/// A report kept in memory, for tests and for render().
class string_sink : public byte_sink {
 public:
  void write(std::string_view text) override { text_ += text; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

/// A report written to standard output when `path` is empty or "-", else to `path` through a
/// temporary file in the same folder (made on construction) that commit() renames into place.
/// A symlink is followed (the file it points to is replaced); an existing file keeps its mode.
/// Writes are buffered (64 KiB). A report destroyed before commit() (an error on the way)
/// removes its temporary file and leaves `path` as it was. A closed pipe on standard output
/// (`| head`) makes closed() true and the rest of the report is dropped quietly; any other
/// failure throws retain::error naming the path and the system's reason.
class report_output : public byte_sink {
 public:
  explicit report_output(const std::string& path);
  ~report_output() override;
  report_output(const report_output&) = delete;
  report_output& operator=(const report_output&) = delete;

  void write(std::string_view text) override;
  bool closed() const override { return closed_; }
  /// Writes what is buffered and, for a file, gives it the usual mode, syncs it and renames it
  /// into place.
  void commit();

 private:
  // Writes `text` through to the descriptor.
  void put(std::string_view text);
  // Removes the temporary file and throws the error of `code`.
  [[noreturn]] void fail(int code);

  std::string path_;  ///< empty for standard output
  std::string temp_;  ///< the temporary file while it is open
  unsigned mode_ = 0;  ///< the file's mode once committed
  int fd_ = -1;
  bool closed_ = false;
  std::string buffer_;
};

/// Writes `text` as one whole report (see report_output).
void write_output(std::string_view text, const std::string& path);

}  // namespace retain

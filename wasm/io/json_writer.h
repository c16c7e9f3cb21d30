// json_writer.h: reports as JSON text, for the command-line tool. Not a parser; writes
// valid JSON (strings escaped, non-finite numbers as null, every number in the shortest
// text that reads back as exactly its value).
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

#include "number_text.h"
#include "report_writer.h"

namespace relulab {

class JsonWriter final : public ReportWriter {
 public:
  const std::string& str() const { return out_; }

 protected:
  void open_object() override { open('{'); }
  void close_object() override { close('}'); }
  void open_array() override { open('['); }
  void close_array() override { close(']'); }
  void write_key(const std::string& k) override {
    comma();
    string_literal(k);
    out_ += ':';
    after_key_ = true;
  }
  void write_string(const std::string& s) override {
    comma();
    string_literal(s);
  }
  void write_bool(bool b) override {
    comma();
    out_ += b ? "true" : "false";
  }
  void write_integer(int64_t v) override {
    comma();
    out_ += std::to_string(v);
  }
  void write_number(double v) override {
    comma();
    out_ += shortest_text(v);
  }
  void write_float(float v) override {
    comma();
    out_ += shortest_text(v);
  }
  void write_null() override {
    comma();
    out_ += "null";
  }

 private:
  void open(char c) {
    comma();
    out_ += c;
    first_ = true;
  }
  void close(char c) {
    out_ += c;
    first_ = false;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_ && !out_.empty()) out_ += ',';
    first_ = false;
  }
  void string_literal(const std::string& s) {
    out_ += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_ += buf;
          } else {
            out_ += static_cast<char>(c);
          }
      }
    }
    out_ += '"';
  }
  std::string out_;
  bool first_ = true, after_key_ = false;
};

}  // namespace relulab

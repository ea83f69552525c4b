// The grammar of a gst-launch line (GStreamer's gst/parse/grammar.y, by hand):
//
//   line     := chain+                      (nothing at all: "empty pipeline not allowed")
//   chain    := start (link next)* [link reference]
//   start    := element pads | reference
//   next     := pads element pads | caps link pads element pads
//   element  := Word Assignment*
//   pads     := [PadRef (',' Word)*]
//   reference:= Reference (',' Word)*
//
// A reference closes its chain: "a ! t." links a to t, and what follows
// starts a new chain. Pads written after an element are its src pads for
// the next link; pads written after '!' are the sink pads of the element
// that follows.
#include <utility>

#include "runtime/launch/launch_lexer.hpp"
#include "runtime/launch/launch_syntax.hpp"
#include "runtime/launch/parse_launch.hpp"

namespace gstmini::launch {
namespace {

Span cover(Span from, Span to) { return {from.position, to.end() - from.position}; }

class Parser {
 public:
  explicit Parser(const std::string& line) : line_(line), tokens_(lex_launch_line(line)) {}

  Description run() {
    if (peek().kind == TokenKind::End) fail("empty pipeline not allowed", Span{0, line_.size()});
    while (peek().kind != TokenKind::End) chain();
    return std::move(description_);
  }

 private:
  const Token& peek() const { return tokens_[next_]; }
  const Token& take() { return tokens_[next_++]; }  // never past End: callers check
  [[noreturn]] void fail(std::string message, Span span) const {
    throw ParseError(std::move(message), line_, span.position, span.length);
  }
  std::string text_of(Span span) const { return line_.substr(span.position, span.length); }

  void chain() {
    Endpoint last = start();
    bool linked = false;
    while (peek().kind == TokenKind::Link) {
      Span link = take().span;
      Span sink_pads_span;
      std::vector<std::string> sink_pads = pads(&sink_pads_span);
      if (peek().kind == TokenKind::Caps) {
        if (!sink_pads.empty()) fail("syntax error: a pad reference cannot go before caps", link);
        Endpoint filter = caps();
        add_link(std::move(last), filter, link);
        last = std::move(filter);
        link = take().span;  // caps() made sure a '!' follows
        sink_pads = pads(&sink_pads_span);
      }
      linked = true;
      if (peek().kind == TokenKind::Reference) {
        if (!sink_pads.empty())
          fail("syntax error: a pad reference cannot go before a reference", sink_pads_span);
        add_link(std::move(last), reference(), link);
        return;
      }
      if (peek().kind != TokenKind::Word) after_link_error(link);
      Endpoint sink = element();
      sink.pads = std::move(sink_pads);
      sink.pads_span = sink_pads_span;
      add_link(std::move(last), sink, link);
      last = std::move(sink);
      last.pads = pads(&last.pads_span);
    }
    if (last.is_reference() && !linked)
      fail("unexpected reference \"" + text_of(last.span) + "\": nothing links to or from it",
           last.span);
    if (!last.pads.empty())
      fail("unexpected pad reference \"" + text_of(last.pads_span) + "\": nothing links from it",
           last.pads_span);
  }

  // The first item of a chain.
  Endpoint start() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::Word: {
        Endpoint first = element();
        first.pads = pads(&first.pads_span);
        return first;
      }
      case TokenKind::Reference:
        return reference();
      case TokenKind::Link:
        fail("syntax error: nothing to link from before '!'", token.span);
      case TokenKind::Assignment:
        fail("syntax error: \"" + text_of(token.span) + "\" sets a property but follows no element",
             token.span);
      case TokenKind::PadRef:
        fail("syntax error: pad reference \"" + text_of(token.span) + "\" follows no element",
             token.span);
      case TokenKind::Caps:
        fail("syntax error: caps go between two links (\"a ! " + token.text + " ! b\")",
             token.span);
      default:
        fail("syntax error: unexpected '" + text_of(token.span) + "'", token.span);
    }
  }

  [[noreturn]] void after_link_error(Span link) const {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::End:
        fail("syntax error: '!' at the end, with nothing to link to", link);
      case TokenKind::Link:
        fail("syntax error: empty link, no element between the two '!'", cover(link, token.span));
      case TokenKind::Assignment:
        fail("syntax error: expected an element after '!', got the property \"" +
                 text_of(token.span) + "\"",
             token.span);
      default:
        fail("syntax error: expected an element after '!'", token.span);
    }
  }

  Endpoint element() {
    const Token& word = take();
    ElementNode node;
    node.factory = word.text;
    node.span = word.span;
    while (peek().kind == TokenKind::Assignment) {
      const Token& set = take();
      node.properties.push_back(Assignment{
          set.text, set.value, Span{set.span.position, set.text.size()}, set.value_span});
    }
    return add_element(std::move(node));
  }

  Endpoint caps() {
    const Token& token = take();
    if (peek().kind != TokenKind::Link)
      fail("syntax error: caps \"" + token.text + "\" must be followed by '!' and an element",
           token.span);
    ElementNode node;
    node.factory = "capsfilter";
    node.span = token.span;
    node.is_caps = true;
    node.caps = token.text;
    return add_element(std::move(node));
  }

  Endpoint add_element(ElementNode node) {
    Endpoint end;
    end.element = description_.elements.size();
    end.span = node.span;
    description_.elements.push_back(std::move(node));
    return end;
  }

  Endpoint reference() {
    const Token& token = take();
    Endpoint end;
    end.name = token.text;
    end.span = token.span;
    if (!token.value.empty()) end.pads.push_back(token.value);
    more_pads(&end.pads, &end.span);
    end.pads_span = end.span;
    return end;
  }

  // [.pad[,pad...]]
  std::vector<std::string> pads(Span* span) {
    std::vector<std::string> list;
    if (peek().kind != TokenKind::PadRef) return list;
    *span = peek().span;
    list.push_back(take().text);
    more_pads(&list, span);
    if (peek().kind == TokenKind::PadRef)
      fail("syntax error: several pads are written \".a,b\", not \".a .b\"", peek().span);
    return list;
  }

  void more_pads(std::vector<std::string>* list, Span* span) {
    while (peek().kind == TokenKind::Comma) {
      Span comma = take().span;
      if (peek().kind != TokenKind::Word)
        fail("syntax error: expected a pad name after ','", comma);
      *span = cover(*span, peek().span);
      list->push_back(take().text);
    }
  }

  void add_link(Endpoint src, Endpoint sink, Span link) {
    description_.links.push_back(LinkNode{std::move(src), std::move(sink), link});
  }

  const std::string& line_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  Description description_;
};

}  // namespace

Description parse_launch_syntax(const std::string& line) { return Parser(line).run(); }

}  // namespace gstmini::launch

import FlowcutCore
import FlowcutLanguage

/// What a page served by `flowcut serve` holds beyond the written one: the
/// session's token, the proposal editor, the suggestions as buttons, and the
/// script that tries a draft, keeps it and follows the files.
public struct LiveEditor: Sendable {
    /// The session's token: every request that tries or writes carries it.
    public var token: String
    /// The procedure's folder name in the review (its address).
    public var slug: String
    /// The content hash of the file the page was made from: "keep" is
    /// refused when the file on disk no longer has it.
    public var base: String
    /// The first proposal block as written (empty when the file has none);
    /// nil when the procedure cannot be edited here (`blocked` says why).
    public var draft: String?
    public var blocked: String?
    /// The suggested changes: each a statement of the language and the
    /// change in words.
    public var suggestions: [(statement: String, words: String)]

    public init(token: String, slug: String, base: String, draft: String?, blocked: String? = nil, suggestions: [(statement: String, words: String)] = []) {
        self.token = token
        self.slug = slug
        self.base = base
        self.draft = draft
        self.blocked = blocked
        self.suggestions = suggestions
    }
}

/// The phrases of the live pages, in both languages.
public enum LivePhrase: String, Sendable, CaseIterable {
    case editorTitle, editorHelp, tryIt, keep, addSuggested, upToDate, working, hasErrors, kept, unchanged, changedOnDisk
    case notFlow, fileHasErrors, nothingToKeep, newProposal, line, column, liveReview, placeholder, noConnection
    case noSuchPage, pathWithDots, badRequest, otherHost, otherSite, noToken

    public var english: String {
        switch self {
        case .editorTitle: "Try a proposal"
        case .editorHelp:
            "One change a line, as in the file (docs/language.md); the numbers and diagrams below follow as you type. Keep writes the proposal into the file."
        case .tryIt: "What if"
        case .keep: "Keep in the file"
        case .addSuggested: "Add a suggested change:"
        case .upToDate: "Analysed in %@ ms."
        case .working: "Analysing…"
        case .hasErrors: "%@ to fix: the numbers below are those of the last proposal without errors."
        case .kept: "Kept in %@."
        case .unchanged: "The file already holds this proposal."
        case .changedOnDisk:
            "The file changed on disk since this page was loaded: nothing was written. Your text is still here: copy it, reload the page and apply it again."
        case .notFlow: "Proposals are edited in .flow files: turn this file into one first (flowcut import)."
        case .fileHasErrors: "The file has errors (listed below): fix them in the file first; the page follows."
        case .nothingToKeep: "Nothing to keep: the proposal has no change."
        case .newProposal: "Meeting proposal"
        case .line: "line"
        case .column: "column"
        case .liveReview: "Live: pages follow the files as they change."
        case .placeholder: "proposal \"Name\"\n  cut route \"why\""
        case .noConnection: "No answer from flowcut serve: is it still running?"
        case .noSuchPage: "No such page in this review."
        case .pathWithDots: "Only the review's own pages are served: no path with “..”."
        case .badRequest: "The request is not one the page sends (a JSON body with the procedure and the draft)."
        case .otherHost: "This server answers on its own address only (127.0.0.1 or localhost)."
        case .otherSite: "Refused: the request comes from another site."
        case .noToken: "Refused: the session's token is missing or wrong (reload the page)."
        }
    }

    public var vietnamese: String {
        switch self {
        case .editorTitle: "Thử phương án"
        case .editorHelp:
            "Mỗi dòng một thay đổi, viết như trong tệp (xem docs/language.md); số liệu và sơ đồ bên dưới được cập nhật ngay khi nhập. “Lưu vào tệp” ghi phương án vào tệp quy trình."
        case .tryIt: "Thử"
        case .keep: "Lưu vào tệp"
        case .addSuggested: "Thêm thay đổi được đề xuất:"
        case .upToDate: "Đã phân tích trong %@ ms."
        case .working: "Đang phân tích…"
        case .hasErrors: "Còn %@ cần sửa: số liệu bên dưới là của phương án hợp lệ gần nhất."
        case .kept: "Đã lưu vào %@."
        case .unchanged: "Tệp đã có phương án này."
        case .changedOnDisk:
            "Tệp đã được sửa trên đĩa sau khi mở trang này nên chưa ghi gì. Nội dung đã nhập vẫn còn ở đây: sao chép lại, tải lại trang rồi áp dụng lại."
        case .notFlow: "Phương án chỉ sửa được trong tệp .flow: cần chuyển tệp này sang .flow trước (flowcut import)."
        case .fileHasErrors: "Tệp có lỗi (liệt kê bên dưới): cần sửa trong tệp trước; trang sẽ tự cập nhật."
        case .nothingToKeep: "Không có gì để lưu: phương án chưa có thay đổi nào."
        case .newProposal: "Phương án của cuộc họp"
        case .line: "dòng"
        case .column: "cột"
        case .liveReview: "Trực tiếp: các trang tự cập nhật khi tệp thay đổi."
        case .placeholder: "proposal \"Tên phương án\"\n  cut route \"lý do\""
        case .noConnection: "Không nhận được phản hồi từ flowcut serve: chương trình còn chạy không?"
        case .noSuchPage: "Không có trang này trong báo cáo rà soát."
        case .pathWithDots: "Chỉ phục vụ các trang của báo cáo rà soát: không nhận đường dẫn có “..”."
        case .badRequest: "Yêu cầu không đúng dạng trang gửi (nội dung JSON gồm thủ tục và phương án)."
        case .otherHost: "Máy chủ này chỉ trả lời tại địa chỉ của chính nó (127.0.0.1 hoặc localhost)."
        case .otherSite: "Từ chối: yêu cầu đến từ một trang web khác."
        case .noToken: "Từ chối: thiếu hoặc sai mã phiên làm việc (hãy tải lại trang)."
        }
    }
}

extension Words {
    public subscript(live phrase: LivePhrase) -> String {
        language == .vi ? phrase.vietnamese : phrase.english
    }
}

public enum LivePage {
    /// The address of the script every live page loads (served with the pages).
    public static let scriptPath = "/flowcut.js"
    /// Where a page's script tag goes: before `</body>`.
    public static let script = "<script src=\"\(scriptPath)\"></script>\n"

    /// The editor's style rules (inside the page's style sheet).
    public static let style = """
        #live { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem 1rem; margin: 0 0 1rem; background: #f6f8fa; }
        #live h2 { margin: 0 0 .3rem; font-size: 1.15rem; } #live p { margin: .2rem 0; }
        #draft { width: 100%; box-sizing: border-box; font: 17px/1.45 "DejaVu Sans", sans-serif; padding: .4rem; }
        #live button { font-size: 1rem; padding: .3rem .8rem; margin: .2rem .3rem .2rem 0; cursor: pointer; }
        #live .add { background: #fff; border: 1px solid #0969da; color: #0969da; border-radius: 4px; }
        #draft-findings { margin: .3rem 0; padding-left: 1.2rem; } #draft-findings li { cursor: pointer; }
        #draft-findings .error, #draft-status.error { color: #cf222e; } #draft-findings .warning { color: #9a6700; }
        #draft-status { font-weight: bold; } .stale { opacity: .5; }

        """

    /// The editor panel, or why the procedure cannot be edited here.
    public static func editor(_ editor: LiveEditor, words x: Words) -> String {
        let e = Escape.markup
        var phrases: [(String, String)] = []
        for p in [LivePhrase.upToDate, .working, .hasErrors, .kept, .unchanged, .changedOnDisk, .newProposal, .line, .column, .noConnection] {
            phrases.append((p.rawValue, x[live: p]))
        }
        let json = JSON.object(phrases.map { ($0.0, .string($0.1)) }).text()
        var h =
            "<section id=\"live\" data-token=\"\(e(editor.token))\" data-slug=\"\(e(editor.slug))\" data-base=\"\(e(editor.base))\" data-words=\"\(e(json))\">\n"
        h += "<h2>\(x[live: .editorTitle])</h2>\n"
        guard let draft = editor.draft else {
            h += "<p>\(e(editor.blocked ?? x[live: .notFlow]))</p>\n</section>\n"
            return h
        }
        h += "<p>\(x[live: .editorHelp])</p>\n"
        let rows = max(4, min(14, draft.split(separator: "\n").count + 2))
        h +=
            "<textarea id=\"draft\" rows=\"\(rows)\" spellcheck=\"false\" placeholder=\"\(e(x[live: .placeholder]))\" aria-label=\"\(x[live: .editorTitle])\">\(e(draft))</textarea>\n"
        h += "<ul id=\"draft-findings\"></ul>\n"
        h += "<p><button id=\"try\" type=\"button\">\(x[live: .tryIt])</button><button id=\"keep\" type=\"button\">\(x[live: .keep])</button> "
        h += "<span id=\"draft-status\" role=\"status\"></span></p>\n"
        if !editor.suggestions.isEmpty {
            h += "<p>\(x[live: .addSuggested]) "
            for s in editor.suggestions {
                h += "<button class=\"add\" type=\"button\" data-statement=\"\(e(s.statement))\" title=\"\(e(s.statement))\">\(e(s.words))</button>"
            }
            h += "</p>\n"
        }
        return h + "</section>\n"
    }

    /// The live marker of the review page: the token, for the script.
    public static func reviewMarker(token: String, words x: Words) -> String {
        "<p id=\"live\" data-token=\"\(Escape.markup(token))\" class=\"definitions\">\(x[live: .liveReview])</p>\n"
    }

    /// The script of the live pages: tries the draft as one types (after a
    /// pause), shows its findings at their line and column, redraws the
    /// figures, keeps the proposal, and reloads a page whose file changed
    /// (unless its draft holds unsaved text). Everything it inserts from the
    /// server is text, except the figures, which the server escaped.
    public static let javascript = #"""
        "use strict";
        (() => {
          const live = document.getElementById('live');
          if (!live) return;
          const token = live.dataset.token, slug = live.dataset.slug || null;
          const words = live.dataset.words ? JSON.parse(live.dataset.words) : {};
          const fill = (s, v) => s.replace('%@', v);
          let base = live.dataset.base;
          const draft = document.getElementById('draft');
          const status = document.getElementById('draft-status');
          const findings = document.getElementById('draft-findings');
          let loaded = draft ? draft.value : null;
          let timer = null, asked = 0;
          const say = (text, error) => { if (status) { status.textContent = text; status.className = error ? 'error' : ''; } };
          async function post(url, body) {
            const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Flowcut-Token': token}, body: JSON.stringify(body)});
            return {status: r.status, body: await r.json()};
          }
          function select(d) {
            const lines = draft.value.split('\n');
            let at = 0;
            for (let i = 0; i < d.line - 1 && i < lines.length; i++) at += lines[i].length + 1;
            const line = Array.from(lines[d.line - 1] || '');
            const from = at + line.slice(0, d.column - 1).join('').length;
            const to = at + line.slice(0, d.endColumn - 1).join('').length;
            draft.focus();
            draft.setSelectionRange(from, Math.max(to, from + 1));
          }
          function show(answer) {
            findings.textContent = '';
            for (const d of answer.diagnostics || []) {
              const li = document.createElement('li');
              li.className = d.severity;
              li.textContent = d.line ? words.line + ' ' + d.line + ', ' + words.column + ' ' + d.column + ': ' + d.message + ' [' + d.code + ']' : d.message + ' [' + d.code + ']';
              if (d.line) li.addEventListener('click', () => select(d));
              findings.appendChild(li);
            }
            const figures = document.getElementById('figures');
            if (typeof answer.figures === 'string') {
              const checked = document.querySelector('.diagrams > input:checked');
              figures.innerHTML = answer.figures;
              figures.classList.remove('stale');
              const again = checked && document.getElementById(checked.id);
              if (again) again.checked = true;
            } else if (answer.errors > 0) {
              figures.classList.add('stale');
            }
          }
          async function tryDraft() {
            const mine = ++asked;
            say(words.working);
            let r;
            try { r = await post('/api/whatif', {slug, draft: draft.value}); } catch (e) { say(words.noConnection, true); return; }
            if (mine !== asked) return;  // a newer draft was sent
            show(r.body);
            if (r.status !== 200) say(r.body.message || String(r.status), true);
            else if (r.body.errors > 0) say(fill(words.hasErrors, r.body.errors), true);
            else say(fill(words.upToDate, r.body.milliseconds));
          }
          function soon() { clearTimeout(timer); timer = setTimeout(tryDraft, 250); }
          if (draft) {
            draft.addEventListener('input', soon);
            draft.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); tryDraft(); } });
            document.getElementById('try').addEventListener('click', tryDraft);
            for (const b of document.querySelectorAll('#live button.add')) {
              b.addEventListener('click', () => {
                let text = draft.value.replace(/\s+$/, '');
                if (!/^\s*proposal\b/m.test(text)) text = 'proposal "' + words.newProposal.replace(/["\\]/g, '\\$&') + '"' + (text ? '\n' + text : '');
                draft.value = text + '\n  ' + b.dataset.statement + '\n';
                tryDraft();
              });
            }
            document.getElementById('keep').addEventListener('click', async () => {
              let r;
              try { r = await post('/api/keep', {slug, draft: draft.value, base}); } catch (e) { say(words.noConnection, true); return; }
              if (r.status === 200) {
                base = r.body.base;
                draft.value = r.body.draft;
                loaded = draft.value;
                findings.textContent = '';
                say(r.body.written ? fill(words.kept, r.body.file) : words.unchanged);
              } else {
                if (r.body.diagnostics) show(r.body);
                say(r.status === 409 ? words.changedOnDisk : (r.body.message || String(r.status)), true);
              }
            });
          }
          const events = new EventSource('/events');
          events.addEventListener('changed', e => {
            const changed = JSON.parse(e.data);
            if (slug && !changed.slugs.includes(slug)) return;
            if (!draft || draft.value === loaded) location.reload();
            else say(words.changedOnDisk, true);
          });
        })();
        """#
}

extension LivePage {
    /// The page of a file that cannot be analysed: why, and its findings as
    /// `flowcut check` prints them; it reloads when the file is mended.
    public static func problemPage(
        path: String, problem: String?, checked: CheckedFile?, token: String, slug: String, base: String, words x: Words
    ) -> String {
        let e = Escape.markup
        var h = MeetingPage.pageHead(title: String(path.split(separator: "/").last ?? Substring(path)), language: x.language)
        h += "pre { background: #f6f8fa; padding: .6rem; overflow: auto; }\n</style>\n</head>\n<body>\n"
        h += "<h1>\(e(path))</h1>\n"
        h += "<p id=\"live\" data-token=\"\(e(token))\" data-slug=\"\(e(slug))\" data-base=\"\(e(base))\">\(x[live: .fileHasErrors])</p>\n"
        if let problem { h += "<pre>\(e(problem))</pre>\n" }
        if let checked, !checked.diagnostics.isEmpty {
            let text = checked.diagnostics.map { DiagnosticText(colored: false, vietnamese: x.language == .vi).render($0, in: checked.file) }.joined()
            h += "<pre>\(e(text))</pre>\n"
        }
        return h + script + "</body>\n</html>\n"
    }
}

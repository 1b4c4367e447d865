// Reports: text, Markdown and JSON (see the files beside this one).

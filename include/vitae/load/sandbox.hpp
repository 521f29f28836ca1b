#pragma once
// Which files a CV or style sheet may name. Trusted use follows any path;
// `--sandbox` (or VITAE_SANDBOX=1) is for input written by someone else:
// every file a CV names (its bibliographies) must be in the CV's folder or
// below, and every style a style sheet extends must be in the folder of the
// style given on the command line or below — after following symbolic
// links. Built-in styles are always allowed, and fonts are looked up by
// family name among the installed ones, never by path.

namespace vitae {

enum class FileAccess {
    anywhere,   ///< any path: absolute, `../`, through symbolic links
    sandboxed,  ///< only under the folder of the file given on the command line
};

}  // namespace vitae

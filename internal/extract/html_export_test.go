package extract

// DecodeHTML exposes the page decoder to the black-box tests, which measure
// what text a page holds in the charset the extractor reads it in.
var DecodeHTML = decodeHTML

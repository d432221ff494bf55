package extract

import (
	"strings"
	"sync"
	"unicode"
)

// Phrase lists for boilerplate in text dumps, in the languages the test pages
// use (English, German, French, Spanish, Italian, Dutch, Portuguese). All
// lower case; matched against lower-cased lines.

// boilerAnywhere are phrases that mark a line as boilerplate wherever they
// occur in it, whatever its length.
var boilerAnywhere = []string{
	"your email address will not be published", "your email address will never be published",
	"required fields are marked", "fill in your details below", "you are commenting using",
	"connecting to %s", "bloggers like this", "blogger like this", "bloggern gefällt das", "blogueurs aiment",
	"click an icon to log in", "notify me of follow-up", "notify me of new", "save my name, email",
	"this site uses akismet", "learn how your comment data is processed",
	"we welcome informed comments", "comments attacking or deriding",
	"log out /", "( log out", "abmelden / ", "( abmelden", "déconnexion /", "( déconnexion", "cerrar sesión /",
	"(opens in new window)", "(wird in neuem fenster geöffnet)", "(s'ouvre dans une nouvelle fenêtre)",
	"(se abre en una ventana nueva)", "click to share on", "click to email", "click to print",
	"klick, um über", "klicken, um über", "klicken zum", "klicken, um dies",
	"deine e-mail-adresse wird nicht veröffentlicht", "ihre e-mail-adresse wird nicht veröffentlicht",
	"e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind mit", "pflichtfelder sind mit",
	"benachrichtige mich über", "benachrichtigung bei weiteren kommentaren", "informiere mich über neue",
	"meinen namen, meine e-mail-adresse", "diese website verwendet akismet", "du kommentierst mit",
	"trage deine daten unten ein", "votre adresse e-mail ne sera pas publiée", "votre adresse de messagerie ne sera pas publiée",
	"les champs obligatoires sont indiqués", "vous commentez à l’aide de", "vous commentez à l'aide de",
	"tu dirección de correo electrónico no será publicada", "los campos obligatorios están marcados",
	"il tuo indirizzo email non sarà pubblicato", "i campi obbligatori sono contrassegnati",
	"je e-mailadres wordt niet gepubliceerd", "o seu endereço de email não será publicado",
	"all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
	"tutti i diritti riservati", "proudly powered by", "powered by wordpress", "this website uses cookies",
	"we use cookies", "diese website verwendet cookies", "wir verwenden cookies", "ce site utilise des cookies",
	"subscribe to: post comments", "subscribe to: posts", "newer post older post", "you must be logged in to post",
	"sie müssen angemeldet sein", "comments are closed", "kommentare sind geschlossen", "les commentaires sont fermés",
	"los comentarios están cerrados",

	"skip to content", "skip to main content", "zum inhalt springen", "aller au contenu", "saltar al contenido",
	"this entry was posted in", "dieser eintrag wurde veröffentlicht in",
	"bookmark the permalink", "permalink setzen",
	"when you purchase through links", "we may earn an affiliate", "we may earn a commission", "affiliate links",
	"this site is protected by recaptcha", "we rely on your support", "support our journalism", "receive new posts",
	"get regular updates", "subscribe to our newsletter", "sign up for our newsletter", "if you enjoyed reading this",
	"alle angaben ohne gewähr", "newsletter abonnieren", "zum newsletter", "inscrivez-vous à la newsletter",
	"suscríbete a nuestro boletín", "all fields are required", "this post may contain affiliate",
}

// boilerLine are phrases that mark a short line (a heading, a button, a
// link) as boilerplate when the line starts with them.
var boilerLine = []string{
	"like this:", "gefällt mir:", "j’aime :", "j'aime :", "me gusta:", "liken lade", "like loading", "share this:",
	"teilen mit:", "partager :", "compartir esto:", "filed under:", "posted in ", "abgelegt unter",
	"leave a reply", "leave a comment", "post a comment", "add a comment", "write a comment", "add comment",
	"submit a comment", "post comment", "submit comment", "your comment", "comment form", "reply to this",
	"schreibe einen kommentar", "kommentar schreiben", "kommentar verfassen", "kommentar hinterlassen",
	"hinterlasse einen kommentar", "einen kommentar hinterlassen", "kommentar abschicken", "kommentar absenden",
	"laisser un commentaire", "laissez un commentaire", "écrire un commentaire", "ajouter un commentaire",
	"deja un comentario", "dejar un comentario", "deja una respuesta", "escribe un comentario", "añadir comentario",
	"lascia un commento", "lascia un commento", "scrivi un commento", "laat een reactie achter", "deixe um comentário",
	"deixe uma resposta", "cancel reply", "antwort abbrechen", "annuler la réponse", "cancelar respuesta",
	"related posts", "related articles", "related stories", "you may also like", "you might also like",
	"ähnliche beiträge", "ähnliche artikel", "das könnte dich auch interessieren", "das könnte sie auch interessieren",
	"articles similaires", "artículos relacionados", "articoli correlati",
	"share this", "share on", "share:", "teilen:", "diesen artikel teilen", "artikel teilen", "partager",
	"compartir", "condividi", "tweet", "pin it", "email this", "print this", "weitersagen",
	"previous post", "next post", "previous article", "next article", "older posts", "newer posts", "older post",
	"newer post", "vorheriger beitrag", "nächster beitrag", "vorheriger artikel", "nächster artikel",
	"article précédent", "article suivant", "entrada anterior", "entrada siguiente", "artículo anterior",
	"search for:", "suche nach:", "rechercher :", "buscar:", "search", "suche", "navigation", "menu", "hauptmenü",
	"copyright", "©", "(c) 20", "privacy policy", "datenschutz", "impressum", "imprint", "terms of use",
	"terms and conditions", "cookie", "newsletter", "subscribe", "abonnieren", "s'abonner", "suscribirse",
	"follow us", "folge uns", "folgen sie uns", "suivez-nous", "síguenos", "sign up", "log in", "login",
	"anmelden", "registrieren", "connexion", "iniciar sesión", "read more", "weiterlesen", "mehr lesen",
	"lire la suite", "leer más", "continua a leggere", "lees verder", "continue reading", "view all posts",
	"alle beiträge von", "tags:", "tagged:", "tagged with", "schlagwörter:", "schlagworte:", "categories:",
	"category:", "kategorie:", "kategorien:", "catégories :", "categorías:", "advertisement", "anzeige",
	"werbung", "publicité", "publicidad", "sponsored", "loading...", "loading…", "lade …", "lade...",
	"chargement…", "cargando…", "recent posts", "recent comments", "neueste beiträge", "neueste kommentare",
	"letzte beiträge", "letzte kommentare", "aktuelle artikel", "archives", "archiv", "blogroll", "meta",
	"back to top", "nach oben", "zurück nach oben", "retour en haut", "volver arriba", "home", "startseite",
	"accueil", "inicio", "print", "drucken", "imprimer", "imprimir", "e-mail", "email", "facebook", "twitter",
	"linkedin", "whatsapp", "pinterest", "reddit", "telegram", "xing", "instagram", "youtube",
	"twitter picture", "facebook photo", "google photo", "wordpress.com logo", "gravatar",
	"name (required)", "email (required)", "mail (will not be published)", "website", "name *", "email *",
	"e-mail *", "website *", "kommentar *", "comment *", "name (erforderlich)", "e-mail (erforderlich)",
	"report this ad", "report this content", "about the author", "über den autor", "über die autorin",
	"à propos de l'auteur", "à propos de l’auteur", "sobre el autor", "sull'autore", "over de auteur",
}

// sectionEnds start the furniture after a comment list: the comment
// form, related posts, the footer. Matched at the start of short lines.
var sectionEnds = []string{
	"leave a reply", "leave a comment", "post a comment", "add a comment", "write a comment", "add comment",
	"submit a comment", "post comment", "submit comment", "comment form", "schreibe einen kommentar",
	"kommentar schreiben", "kommentar verfassen", "kommentar hinterlassen", "hinterlasse einen kommentar",
	"einen kommentar hinterlassen", "kommentar abschicken", "kommentar absenden", "laisser un commentaire",
	"laissez un commentaire", "écrire un commentaire", "ajouter un commentaire", "deja un comentario",
	"dejar un comentario", "deja una respuesta", "escribe un comentario", "añadir comentario", "lascia un commento",
	"scrivi un commento", "laat een reactie achter", "deixe um comentário", "deixe uma resposta", "cancel reply",
	"antwort abbrechen", "annuler la réponse", "cancelar respuesta", "related posts", "related articles",
	"related stories", "you may also like", "you might also like", "ähnliche beiträge", "ähnliche artikel",
	"das könnte dich auch interessieren", "das könnte sie auch interessieren", "articles similaires",
	"artículos relacionados", "articoli correlati", "previous post", "next post", "older posts", "newer posts",
	"older post", "newer post", "vorheriger beitrag", "nächster beitrag", "article précédent", "article suivant",
	"entrada anterior", "entrada siguiente", "recent posts", "recent comments", "neueste beiträge",
	"neueste kommentare", "letzte beiträge", "letzte kommentare", "copyright", "©", "powered by", "trackbacks",
	"pingbacks", "trackback url", "name (required)", "name *", "your name", "ihr name", "dein name", "votre nom",
	"tu nombre", "search for:", "suche nach:", "subscribe to", "abonniere", "share this:", "teilen mit:",
}

// relatedHeads start the lists of other posts that follow an article.
var relatedHeads = []string{
	"related posts", "related articles", "related stories", "you may also like", "you might also like",
	"ähnliche beiträge", "ähnliche artikel", "das könnte dich auch interessieren", "das könnte sie auch interessieren",
	"articles similaires", "artículos relacionados", "articoli correlati", "leave a reply", "leave a comment",
	"post a comment", "schreibe einen kommentar", "kommentar schreiben", "laisser un commentaire", "deja un comentario",
	"auch interessant", "à lire aussi", "a lire aussi", "lire aussi", "mehr zum thema", "latest articles", "latest news",
	"more stories", "most read", "most popular", "meistgelesen", "am meisten gelesen", "videos zum thema",
	"beiträge aus dem forum", "weitere artikel", "weitere beiträge", "ver también", "te puede interesar", "leer también",
	"lee también", "you might be interested", "recommended for you", "trending", "popular posts", "beliebte beiträge",
	"read next", "read more:", "read also", "see also", "siehe auch", "voir aussi", "more from", "mehr aus",
	"leggi anche", "potrebbe interessarti", "lees ook", "veja também",
}

// isRelatedHead reports whether a short line heads the list of other
// posts (or the comment form) after an article.
func isRelatedHead(low string, words int) bool {
	if words > 6 {
		return false
	}
	for _, p := range relatedHeads {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// isSectionEnd reports whether a line is furniture that never sits inside
// a comment list (so the list ends there).
func isSectionEnd(text, body string, words int) bool {
	return sectionEndLow(text, strings.ToLower(body), words)
}

// sectionEndLow is isSectionEnd with the lower-cased body at hand.
func sectionEndLow(text, low string, words int) bool {
	if strings.Contains(text, "[    ") || strings.HasPrefix(text, "[ ]") {
		return true // w3m form fields
	}
	initPhrases()
	if containsPhrase(low, anyIndex) {
		return true
	}
	if words > 8 {
		return false
	}
	w := firstWord(low)
	for _, cand := range [2]string{w, strings.TrimRight(w, ":,.;!?")} {
		for _, p := range endIndex[cand] {
			if strings.HasPrefix(low, p) {
				return true
			}
		}
	}
	return strings.HasPrefix(low, "©")
}

// commentActions are short lines (links and buttons) inside a comment.
var commentActions = map[string]bool{
	"reply": true, "replies": true, "antworten": true, "antwort": true, "répondre": true, "responder": true, "rispondi": true,
	"beantwoorden": true, "reageren": true, "responder comentario": true, "reply to comment": true, "reply to this comment": true,
	"log in to reply": true, "login to reply": true, "zum antworten anmelden": true, "like": true, "likes": true,
	"liken": true, "likenliken": true, "like like": true, "liked by": true, "gefällt mir": true, "j'aime": true, "j’aime": true,
	"me gusta": true, "mi piace": true, "report": true, "report comment": true, "report abuse": true, "melden": true,
	"signaler": true, "denunciar": true, "segnala": true, "permalink": true, "link": true, "quote": true, "zitieren": true,
	"citer": true, "citar": true, "share": true, "teilen": true, "flag": true, "edit": true, "bearbeiten": true,
	"modifier": true, "editar": true, "delete": true, "löschen": true, "upvote": true, "downvote": true, "vote up": true,
	"vote down": true, "loading": true, "reset": true, "hide replies": true, "show replies": true, "view replies": true,
	"load more comments": true, "load more": true, "show more": true, "mehr anzeigen": true, "weitere kommentare": true,
	"older comments": true, "newer comments": true, "ältere kommentare": true, "neuere kommentare": true,
	"comment author avatar": true, "avatar": true, "reply ↓": true, "↓": true, "↑": true, "top": true,
	"empfehlen": true, "recommend": true, "thumbs up": true, "thumbs down": true,
}

var (
	textPhraseOnce sync.Once
	boilerShort    map[string]bool     // boilerLine entries, for exact matches
	anyIndex       map[string][]string // boilerAnywhere by first word
	lineIndex      map[string][]string // boilerLine prefixes by first word
	endIndex       map[string][]string // sectionEnds by first word
)

func initPhrases() {
	textPhraseOnce.Do(func() {
		boilerShort = make(map[string]bool, len(boilerLine))
		for _, p := range boilerLine {
			boilerShort[normPhrase(p)] = true
		}
		anyIndex = phraseIndex(boilerAnywhere, nil)
		lineIndex = phraseIndex(boilerLine, func(p string) bool { return len(p) >= 9 || strings.ContainsAny(p, " :") })
		endIndex = phraseIndex(sectionEnds, nil)
	})
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func phraseIndex(phrases []string, keep func(string) bool) map[string][]string {
	idx := make(map[string][]string, len(phrases))
	for _, p := range phrases {
		if keep == nil || keep(p) {
			w := firstWord(p)
			idx[w] = append(idx[w], p)
		}
	}
	return idx
}

// containsPhrase reports whether a phrase of idx starts at a word of low.
func containsPhrase(low string, idx map[string][]string) bool {
	for i := 0; i < len(low); {
		for i < len(low) && low[i] == ' ' {
			i++
		}
		end := strings.IndexByte(low[i:], ' ')
		if end < 0 {
			end = len(low)
		} else {
			end += i
		}
		for _, p := range idx[low[i:end]] {
			if strings.HasPrefix(low[i:], p) {
				return true
			}
		}
		i = end
	}
	return false
}

// startsWithPhrase reports whether low starts with a phrase of idx; a
// phrase ending in a letter must end a word of low.
func startsWithPhrase(low string, idx map[string][]string) bool {
	w := firstWord(low)
	for _, cand := range [2]string{w, strings.TrimRight(w, ":,.;!?")} {
		for _, p := range idx[cand] {
			if strings.HasPrefix(low, p) && (len(low) == len(p) || !isLetterByte(p[len(p)-1]) || !isLetterByte(low[len(p)])) {
				return true
			}
		}
		if cand == w {
			continue
		}
	}
	return false
}

// normPhrase lower-cases s and drops leading and trailing punctuation,
// arrows and brackets.
func normPhrase(s string) string {
	s = strings.ToLower(s)
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '%' && r != '©' && r != '*'
	})
}

// isBoilerText reports whether a line is site furniture rather than text.
func isBoilerText(body string, words int) bool {
	return boilerLow(body, strings.ToLower(body), words)
}

// boilerLow is isBoilerText with the lower-cased body at hand.
func boilerLow(body, low string, words int) bool {
	if body == "" {
		return false
	}
	initPhrases()
	if containsPhrase(low, anyIndex) {
		return true
	}
	if isFormField(body) {
		return true
	}
	if words > 12 {
		return false
	}
	n := normPhrase(low)
	if boilerShort[n] || commentActions[n] {
		return true
	}
	if words > 7 {
		return false
	}
	if startsWithPhrase(low, lineIndex) {
		return true
	}
	return strings.HasPrefix(low, "©") || strings.HasPrefix(low, "copyright")
}

// isFormField reports whether a line is (mostly) w3m form controls:
// "[          ]", "[Submit]", "[ ] Notify me".
func isFormField(s string) bool {
	if !strings.Contains(s, "[") {
		return false
	}
	if strings.Contains(s, "[    ") || strings.HasPrefix(s, "[ ]") || strings.HasPrefix(s, "[*]") || strings.HasPrefix(s, "[X]") {
		return true
	}
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && strings.Count(t, "[") == 1 && len(t) < 40
}

// isCommentAction reports whether a short line inside a comment is a link
// or button ("Reply", "Antworten", "Like", "Report", "+20").
func isCommentAction(body string) bool {
	if strings.Contains(body, "recently posted..") {
		return true // CommentLuv's link to the commenter's last post
	}
	if len(body) > 40 {
		return false
	}
	n := normPhrase(body)
	if commentActions[n] || strings.HasPrefix(n, "liked by") {
		return true
	}
	// vote counts and "Like (3)", "Reply 2"
	digitsOnly := true
	for _, r := range n {
		if !unicode.IsDigit(r) && r != ' ' {
			digitsOnly = false
			break
		}
	}
	if digitsOnly {
		return true
	}
	if i := strings.IndexAny(n, " ("); i > 0 && commentActions[n[:i]] {
		rest := strings.Trim(n[i:], " ()")
		return rest == "" || countWords(rest) == 1 && strings.IndexFunc(rest, unicode.IsLetter) < 0
	}
	return false
}

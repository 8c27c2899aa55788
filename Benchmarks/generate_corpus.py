#!/usr/bin/env python3
"""Generates a synthetic French interview corpus and a matching 40-theme codebook for benchmarks.

Not the bundled study: these are template-built transcripts, meant only to measure speed and memory.

    python3 Benchmarks/generate_corpus.py OUT_DIR --mb 30

writes OUT_DIR/corpus/*.txt (about 2 MB each, speaker labels in several conventions, accents, both
apostrophes, conjugated verbs and agreed nouns and adjectives, and a long tail of rare words whose
number grows with the corpus as in real transcripts; codebook terms about as frequent as in the
bundled study, see --density), OUT_DIR/codebook.yaml (40 themes, about 600 terms: words, prefixes, phrases, near rules,
negation settings) and OUT_DIR/terms.txt (the same terms as literals, one per line, for ripgrep and
the Python baseline). The output is deterministic for a given size.
"""
import argparse
import os
import random

# Vocabulary: domain words with accents, so that folding and stemming matter.
NOUNS = """internet tablette ordinateur smartphone téléphone écran clavier souris imprimante box fibre réseau wifi
application logiciel site courriel mail message photo vidéo visio appel caméra compte identifiant
mot-de-passe code sécurité arnaque virus piratage escroquerie données confidentialité facture impôt
déclaration caf ameli retraite pension mutuelle banque virement paiement carte médecin rendez-vous
ordonnance pharmacie hôpital santé téléconsultation dossier formulaire démarche administration mairie
préfecture guichet permis carte-grise passeport papiers courrier enveloppe timbre poste bus car voiture
trajet kilomètre distance village campagne ville quartier voisin voisine famille fille fils petit-fils
petite-fille petits-enfants neveu nièce sœur frère mari épouse veuve veuf ami amie copine club association
bénévole volontaire jeune formation atelier cours leçon exercice patience écoute confiance autonomie
habitude progrès difficulté problème panne bug erreur oubli mémoire carnet liste agenda calendrier
solitude isolement hiver week-end dimanche anniversaire noël vacances voyage souvenir musique radio
télévision journal lecture jeu cuisine recette jardin potager chien chat santé fatigue douleur cœur
œil lunettes main doigt dos genou canne fauteuil maison appartement résidence escalier ascenseur""".split()
VERBS = """apprendre comprendre oublier retenir chercher trouver envoyer recevoir télécharger installer
cliquer appuyer taper écrire lire regarder écouter parler appeler répondre attendre payer commander
réserver remplir signer imprimer scanner enregistrer supprimer effacer ouvrir fermer allumer éteindre
brancher charger réparer casser perdre voler arnaquer tromper pirater protéger sécuriser vérifier
aider accompagner expliquer montrer répéter encourager rassurer conseiller guider former""".split()
ADJS = """facile difficile compliqué simple rapide lent cher gratuit pratique utile inutile dangereux sûr
fiable nouveau vieux moderne ancien content heureux triste inquiet anxieux fier seul autonome
capable perdu débrouillard patient gentil adorable formidable""".split()
# Everyday words that are not codebook terms: most of what people say in an interview.
GENERAL_NOUNS = """moment matin soir journée semaine mois année temps fois chose truc histoire idée question réponse
raison façon manière côté place coin bout milieu fond début fin suite exemple cas sujet travail métier bureau
usine magasin marché boulangerie église école collège lycée salle cuisine chambre salon porte fenêtre table
chaise lit armoire placard couloir cave grenier garage cour rue route chemin pont rivière forêt champ ferme
vache mouton poule cheval vélo moto train gare avion bateau mer montagne plage soleil pluie neige vent froid
chaleur orage saison printemps été automne repas déjeuner dîner café thé pain fromage gâteau soupe viande
légume fruit pomme tarte vin bière eau lait sucre sel beurre œuf poisson poulet pâtes riz assiette verre
tasse bol couteau fourchette cuillère casserole four frigo lessive ménage vaisselle linge robe manteau
chaussure chapeau sac clé porte-monnaie argent euro centime prix monnaie billet chiffre nombre heure minute
seconde âge anniversaire naissance mariage enterrement cimetière messe fête bal danse chanson film livre
roman revue photo tableau dessin couleur bruit voix mot phrase lettre nom prénom adresse numéro""".split()
GENERAL_VERBS = """aller venir faire dire voir savoir pouvoir vouloir devoir prendre mettre donner passer rester
partir arriver entrer sortir monter descendre tomber marcher courir dormir manger boire cuisiner laver
ranger nettoyer porter tenir garder rendre penser croire sembler paraître devenir commencer finir continuer
arrêter essayer oser aimer détester préférer rire pleurer chanter jouer lire raconter demander connaître""".split()
GENERAL_ADJS = """grand petit gros long court haut bas beau joli vieux jeune bon mauvais chaud froid propre sale
plein vide fort faible lourd léger clair sombre doux dur calme tranquille drôle bizarre normal pareil""".split()


def _key(w):
    import unicodedata
    w = unicodedata.normalize("NFD", w.lower())
    return "".join(c for c in w if unicodedata.category(c) != "Mn")[:5]


# Keep the everyday vocabulary disjoint from the domain's (same first five letters count as the same
# word, as stemming would make them), so that term frequency is set by --density alone.
_DOMAIN_KEYS = {_key(w) for w in NOUNS + VERBS + ADJS}
GENERAL_NOUNS = [w for w in GENERAL_NOUNS if _key(w) not in _DOMAIN_KEYS]
GENERAL_VERBS = [w for w in GENERAL_VERBS if _key(w) not in _DOMAIN_KEYS]
GENERAL_ADJS = [w for w in GENERAL_ADJS if _key(w) not in _DOMAIN_KEYS]

# Conjugated forms of the everyday verbs (present, imperfect, past participle), so that the text has
# the variety of forms real speech has rather than infinitives only.
IRREGULAR = {
    "aller": ("vais", "va", "allons", "allait", "allé"), "venir": ("viens", "vient", "venons", "venait", "venu"),
    "faire": ("fais", "fait", "faisons", "faisait", "fait"), "dire": ("dis", "dit", "disons", "disait", "dit"),
    "voir": ("vois", "voit", "voyons", "voyait", "vu"), "savoir": ("sais", "sait", "savons", "savait", "su"),
    "pouvoir": ("peux", "peut", "pouvons", "pouvait", "pu"), "vouloir": ("veux", "veut", "voulons", "voulait", "voulu"),
    "devoir": ("dois", "doit", "devons", "devait", "dû"), "prendre": ("prends", "prend", "prenons", "prenait", "pris"),
    "mettre": ("mets", "met", "mettons", "mettait", "mis"), "partir": ("pars", "part", "partons", "partait", "parti"),
    "sortir": ("sors", "sort", "sortons", "sortait", "sorti"), "dormir": ("dors", "dort", "dormons", "dormait", "dormi"),
    "boire": ("bois", "boit", "buvons", "buvait", "bu"), "tenir": ("tiens", "tient", "tenons", "tenait", "tenu"),
    "croire": ("crois", "croit", "croyons", "croyait", "cru"), "devenir": ("deviens", "devient", "devenons", "devenait", "devenu"),
    "finir": ("finis", "finit", "finissons", "finissait", "fini"), "rire": ("ris", "rit", "rions", "riait", "ri"),
    "lire": ("lis", "lit", "lisons", "lisait", "lu"), "connaître": ("connais", "connaît", "connaissons", "connaissait", "connu"),
    "paraître": ("parais", "paraît", "paraissons", "paraissait", "paru"), "courir": ("cours", "court", "courons", "courait", "couru"),
    "rendre": ("rends", "rend", "rendons", "rendait", "rendu"), "descendre": ("descends", "descend", "descendons", "descendait", "descendu"),
}


def conjugate(rng, verb, subject):
    """A present, imperfect or passé composé form of `verb` for `subject` (je, j', on, elle, il, nous...)."""
    if verb in IRREGULAR:
        je, il, nous, imparfait, participe = IRREGULAR[verb]
    elif verb.endswith("er"):
        stem = verb[:-2]
        soft = "e" if stem.endswith("g") else ""
        je, il, nous = stem + "e", stem + "e", stem + soft + "ons"
        imparfait, participe = stem + soft + "ait", stem + "é"
    else:
        return verb
    r = rng.random()
    first = subject in ("je", "j'")
    if r < 0.2:
        return ("ai " if first else "avons " if subject == "nous" else "a ") + participe
    if r < 0.4:
        return imparfait[:-3] + ("ais" if first else "ions" if subject == "nous" else "ait")
    return nous if subject == "nous" else je if first else il


SYLLABLES = """ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go la le li lo lu ma me mi mo mu
na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu bra bri cha che chi
cla clo cra cri dra fra gra gre gri pla pra pre pri tra tre tri vra an en in on ou oi eu au ai ei ar er ir
or ur al el il ol ul mont val saint beau ville court bourg lac mar ber ger""".split()
ENDINGS = ["", "", "e", "s", "et", "ot", "ac", "ard", "ière", "y", "in", "eau", "ville", "court", "ais", "ès", "on"]


def tail_word(rank):
    """The long tail of a real corpus (place names, surnames, rare words, slips): a made-up word for
    each rank, the same for a given rank in every run."""
    r = random.Random(rank * 7919 + 17)
    w = "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))) + r.choice(ENDINGS)
    return w.capitalize() if r.random() < 0.5 else w


def tail(rng):
    """A long-tail word, Zipf-distributed over about 200,000 ranks: a few recur often, most are rare,
    and the number of distinct words grows with the corpus, as in real transcripts."""
    while True:
        rank = int(200_000 ** rng.random())  # P(rank) proportional to 1 / rank
        w = tail_word(rank)
        if _key(w) not in _DOMAIN_KEYS:
            return w


FILLERS = ["euh", "ben", "bah", "hein", "voilà", "quoi", "bon", "alors", "enfin", "vous savez", "en fait",
           "c'est-à-dire", "comment dire", "j'sais pas", "du coup", "bref"]
NEG = ["je n'ai plus", "j’ai plus", "je n’ai jamais eu", "ça ne me fait plus", "je ne suis pas", "sans"]
LABELS = [("Enquêtrice : ", "Mme Martin : "), ("E : ", "Gérard : "), ("Q. ", "R. "),
          ("[00:12:05] Enquêtrice : ", "[00:12:07] Mme Nguyen : "), ("**Enquêteur :** ", "**M. Roux :** ")]


def sentence(rng, density):
    """One sentence; `density` is the chance that a content word comes from the domain vocabulary
    (where the codebook's terms are), calibrated so that codings are about as frequent as in the
    bundled study (about one coding per 30 words)."""
    def pick(domain, general):
        return rng.choice(domain) if rng.random() < density else rng.choice(general)
    parts = []
    if rng.random() < 0.5:
        parts.append(rng.choice(FILLERS))
    subj = pick(["ma fille", "le jeune", "la volontaire", "mon voisin"], ["je", "j'", "on", "elle", "il", "nous", "mon cousin", "la dame"])
    domain = rng.random() < density
    verb = rng.choice(VERBS) if domain else conjugate(rng, rng.choice(GENERAL_VERBS), subj)
    if subj == "j'" and verb[0] not in "aeiouéèêh":
        subj = "je"
    noun = pick(NOUNS, GENERAL_NOUNS).replace("-", " " if rng.random() < 0.3 else "-")
    article = rng.choice(['le', 'la', 'mon', 'ma', 'les', 'ce', 'un', 'des', 'mes'])
    if article in ("les", "des", "mes") and noun in GENERAL_NOUNS and not noun.endswith(("s", "x", "z")):
        noun += "x" if noun.endswith(("eau", "au")) else "s"
    if rng.random() < density / 2:
        parts.append(rng.choice(NEG) + " " + rng.choice(["peur", "crainte", "confiance", "besoin"]) + " de " + rng.choice(VERBS))
    else:
        parts.append(f"{subj} {verb} {article} {noun}")
    if rng.random() < 0.6:
        adj = pick(ADJS, GENERAL_ADJS)
        if adj in GENERAL_ADJS and rng.random() < 0.4:
            adj += rng.choice(["e", "s", "es"]) if not adj.endswith("e") else "s"
        parts.append(rng.choice(["c'est", "c’était", "ça reste", "je dirais"]) + " " + adj)
    if rng.random() < 0.4:
        parts.append(rng.choice(["avec", "pour", "sans", "chez", "depuis"]) + " " + pick(NOUNS, GENERAL_NOUNS))
    if rng.random() < 0.5:
        parts.append(rng.choice(["à", "chez", "vers", "avec", "comme"]) + " " + tail(rng))
    s = ", ".join(parts)
    s = s.replace("'", "’") if rng.random() < 0.4 else s
    return s[0].upper() + s[1:] + rng.choice([".", ".", "...", " !", " ?", "…"])


def write_corpus(out, megabytes, rng, density):
    corpus = os.path.join(out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    target = megabytes * 1024 * 1024
    per_file = 2 * 1024 * 1024
    written = 0
    n = 0
    while written < target:
        a, b = LABELS[n % len(LABELS)]
        lines = [f"Les Connectés — entretien synthétique n°{n}", "Transcription automatique, relue.", ""]
        size = 0
        turn = 0
        while size < per_file and written + size < target:
            label = a if turn % 2 == 0 else b
            text = " ".join(sentence(rng, density) for _ in range(rng.randint(1, 6)))
            line = label + text
            lines.append(line)
            lines.append("")
            size += len(line.encode("utf-8")) + 2
            turn += 1
        data = "\n".join(lines).encode("utf-8")
        with open(os.path.join(corpus, f"entretien-{n:04d}.txt"), "wb") as f:
            f.write(data)
        written += len(data)
        n += 1
    return n, written


def write_codebook(out, rng):
    vocab = NOUNS + VERBS + ADJS
    rng.shuffle(vocab)
    terms_all = []
    themes = []
    k = 0
    for t in range(40):
        terms = []
        for _ in range(13):
            w = vocab[k % len(vocab)]
            k += 1
            r = rng.random()
            if r < 0.15 and len(w) > 6:
                terms.append(w[: max(4, len(w) - 3)] + "*")        # prefix
            elif r < 0.35:
                terms.append(w + " " + rng.choice(vocab))          # phrase
            else:
                terms.append(w)
        near = [rng.choice(vocab), rng.choice(vocab)]
        terms_all.extend(terms + near)
        themes.append((t, terms, near))
    with open(os.path.join(out, "codebook.yaml"), "w", encoding="utf-8") as f:
        f.write("codebook: bench\ntitle: Benchmark codebook (synthetic)\nlanguage: fr\nversion: 1\nthemes:\n")
        for t, terms, near in themes:
            f.write(f"  - id: theme-{t:02d}\n    label: Thème {t}\n    definition: Synthetic theme {t}.\n")
            f.write("    rules:\n      - any: [" + ", ".join(f'"{x}"' for x in terms) + "]\n")
            f.write(f"      - near: [\"{near[0]}\", \"{near[1]}\"]\n        within: 6\n")
            if t % 3 == 0:
                f.write(f"    unless: [\"{rng.choice(vocab)} {rng.choice(vocab)}\"]\n")
            f.write(f"    negation: {'count' if t % 4 == 0 else 'ignore'}\n")
    # Literal forms for ripgrep and the Python baseline: prefixes without their star.
    with open(os.path.join(out, "terms.txt"), "w", encoding="utf-8") as f:
        seen = set()
        for x in terms_all:
            lit = x.rstrip("*")
            if lit not in seen:
                seen.add(lit)
                f.write(lit + "\n")
    return len(terms_all)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=30)
    ap.add_argument("--density", type=float, default=0.08,
                    help="share of content words drawn from the codebook's vocabulary (default 0.08: about one "
                         "coding per 30 words, as in the bundled study)")
    args = ap.parse_args()
    rng = random.Random(42)
    os.makedirs(args.out, exist_ok=True)
    n_terms = write_codebook(args.out, rng)
    files, size = write_corpus(args.out, args.mb, random.Random(args.mb), args.density)
    print(f"{args.out}: {files} files, {size / 1048576:.1f} MB, codebook of 40 themes and {n_terms} terms")


if __name__ == "__main__":
    main()

import Foundation
import Testing
@testable import VerbatimCodebook
import VerbatimModel

@Suite struct CSVCodebookTests {
    func load(_ csv: String, path: String = "cb.csv", language: String = "en") throws -> (Codebook, [Diagnostic]) {
        try CodebookLoader.parseCSV(Data(csv.utf8), path: path, language: language)
    }

    @Test func nameDescriptionColumns() throws {
        let (codebook, diagnostics) = try load("Name,Description,Color\nPeur,La personne a peur,#C0392B\nUsages,,\n", path: "data/Mon Codebook.csv", language: "fr")
        #expect(codebook.id == "mon-codebook")
        #expect(codebook.title == "Mon Codebook")
        #expect(codebook.language == "fr")
        #expect(codebook.path == "data/Mon Codebook.csv")
        #expect(codebook.themes.map(\.id) == ["peur", "usages"])
        #expect(codebook.themes.map(\.label) == ["Peur", "Usages"])
        #expect(codebook.themes[0].definition == "La personne a peur")
        #expect(codebook.themes[0].color == "#C0392B")
        #expect(codebook.themes[0].line == 2)
        #expect(codebook.themes[1].definition == nil)
        #expect(codebook.themes[1].color == nil)
        #expect(warningLines(diagnostics) == [
            "data/Mon Codebook.csv:2: warning: theme 'peur' has no rules and no sub-themes: it can only be coded by hand",
            "data/Mon Codebook.csv:3: warning: theme 'usages' has no rules and no sub-themes: it can only be coded by hand",
            "data/Mon Codebook.csv:3: warning: theme 'usages' has no definition",
        ])
    }

    @Test func idsFromNames() throws {
        let csv = "tag\nPeur d'Internet !\npeur d’internet\nÉlan vital\nŒuvre\n???\nПривет\nx\n"
        let codebook = try load(csv).0
        #expect(codebook.themes.map(\.id) == ["peur-d-internet", "peur-d-internet-2", "elan-vital", "oeuvre", "theme", "theme-2", "x"])
    }

    @Test func idColumnWinsAndGeneratedIdsAvoidIt() throws {
        let codebook = try load("name,id\nPeur,\nCrainte,peur\n").0
        #expect(codebook.themes.map(\.id) == ["peur-2", "peur"])
        #expect(errorLines(csvDiagnostics("name,id\nPeur,Bad Id\n")) == [
            "cb.csv:2: error: invalid theme id 'Bad Id': use lowercase letters, digits, '-' and '_', starting with a letter or a digit",
        ])
        #expect(errorLines(csvDiagnostics("name,id\nA,a\nB,a\n")) == [
            "cb.csv:3: error: duplicate theme id 'a' (first at line 2)",
        ])
    }

    @Test func parentColumnByNameOrId() throws {
        let csv = """
        name,parent,description
        Sous-peur,Peur,x
        Peur,,x
        Arnaques,sous-peur,x
        Usages,,x
        Achats,usages,x
        """
        let codebook = try load(csv).0
        #expect(codebook.themes.map(\.id) == ["peur", "usages"])
        #expect(codebook.themes[0].children.map(\.id) == ["sous-peur"])
        #expect(codebook.themes[0].children[0].children.map(\.id) == ["arnaques"])
        #expect(codebook.themes[1].children.map(\.label) == ["Achats"])
        #expect(codebook.allThemes.map(\.line) == [3, 2, 4, 5, 6])
    }

    @Test func parentProblems() {
        #expect(errorLines(csvDiagnostics("name,parent\nA,Nowhere\n")) == [
            "cb.csv:2: error: unknown parent 'Nowhere' for theme 'A'",
        ])
        #expect(errorLines(csvDiagnostics("name,parent\nA,A\n")) == [
            "cb.csv:2: error: theme 'A' is its own parent",
        ])
        #expect(errorLines(csvDiagnostics("name,parent\nX,\nA,X\nY,\nA,Y\nB,A\n")) == [
            "cb.csv:6: error: ambiguous parent 'A' for theme 'B': several themes have this name (lines 3 and 5)",
        ])
        #expect(errorLines(csvDiagnostics("name,parent\nA,\nA,\n")) == [
            "cb.csv:3: error: duplicate theme 'A' (first at line 2)",
        ])
    }

    @Test func cycleNamesItsThemes() {
        let csv = "name,parent\nStart,\nB,C\nA,B\nC,A\nD,C\n"
        #expect(errorLines(csvDiagnostics(csv)) == [
            "cb.csv:3: error: cycle in parents: 'B' → 'C' → 'A' → 'B'",
        ])
        // Two cycles are reported separately.
        #expect(errorLines(csvDiagnostics("name,parent\nA,B\nB,A\nC,D\nD,C\n")) == [
            "cb.csv:2: error: cycle in parents: 'A' → 'B' → 'A'",
            "cb.csv:4: error: cycle in parents: 'C' → 'D' → 'C'",
        ])
    }

    @Test func pathColumnBuildsTheHierarchy() throws {
        let csv = "path,description\nemotions/peur/arnaques,A\nemotions,E\nusages,U\nemotions/joie,J\n"
        let (codebook, _) = try load(csv)
        #expect(codebook.themes.map(\.id) == ["emotions", "usages"])
        #expect(codebook.themes[0].definition == "E")
        #expect(codebook.themes[0].line == 3)
        #expect(codebook.themes[0].children.map(\.id) == ["peur", "joie"])
        // A parent named only by a longer path has no row: it gets the line of that path and no definition.
        #expect(codebook.themes[0].children[0].line == 2)
        #expect(codebook.themes[0].children[0].definition == nil)
        #expect(codebook.themes[0].children[0].children.map(\.label) == ["arnaques"])
        #expect(errorLines(csvDiagnostics("path\na/b\na/b\n")) == ["cb.csv:3: error: duplicate theme 'a/b' (first at line 2)"])
        #expect(errorLines(csvDiagnostics("path,parent\na,\na/b,a\n")) == [
            "cb.csv:3: error: row gives both a 'parent' and a path with '/' ('a/b'): use one or the other",
        ])
        #expect(errorLines(csvDiagnostics("path\n/\n")) == ["cb.csv:2: error: row has no theme name in column 'path' (only '/')"])
        // A slash in a `name` column is part of the name.
        #expect(try load("name\nand/or\n").0.themes.map(\.label) == ["and/or"])
    }

    @Test func termsColumnMakesOneAnyRule() throws {
        let csv = "name,terms\nPeur,\"peur; crainte ;angoiss*; me faire arnaquer;re:\\bpeurs?\\b;\"\nUsages,\n"
        let codebook = try load(csv).0
        let peur = codebook.themes[0]
        #expect(peur.rules.count == 1)
        #expect(peur.rules[0].kind == .any)
        #expect(peur.rules[0].line == 2)
        #expect(peur.rules[0].terms.map(\.kind) == [
            .words(["peur"]), .words(["crainte"]), .words(["angoiss*"]), .words(["me", "faire", "arnaquer"]), .regex("\\bpeurs?\\b"),
        ])
        #expect(peur.rules[0].terms.allSatisfy { $0.stem && !$0.strict })
        #expect(codebook.themes[1].rules.isEmpty)
        #expect(errorLines(csvDiagnostics("name,terms\nA,re:(x\n")) == ["cb.csv:2: error: invalid regular expression '(x' in theme 'a'"])
    }

    @Test func semicolonSeparatedFile() throws {
        let csv = "name;description;terms\nPeur;\"Avoir peur; craindre\";\"peur;crainte\"\nJoie;Content, heureux;joie\n"
        let codebook = try load(csv).0
        #expect(codebook.themes.map(\.id) == ["peur", "joie"])
        #expect(codebook.themes[0].definition == "Avoir peur; craindre")
        #expect(codebook.themes[0].rules[0].terms.map(\.source) == ["peur", "crainte"])
        #expect(codebook.themes[1].definition == "Content, heureux")
    }

    @Test func quotesCRLFAndBOM() throws {
        let csv = "\u{FEFF}\"Name\",\"Description\"\r\n\"Peur \"\"bleue\"\"\",\"Première ligne\r\nseconde ligne\"\r\nJoie,\"a, b\"\r\n"
        let codebook = try load(csv).0
        #expect(codebook.themes.map(\.label) == ["Peur \"bleue\"", "Joie"])
        #expect(codebook.themes[0].definition == "Première ligne\r\nseconde ligne")
        #expect(codebook.themes.map(\.line) == [2, 4])
        #expect(codebook.themes[1].definition == "a, b")
    }

    @Test func colourColumn() throws {
        let codebook = try load("name,colour,description\nA,#00ff00,d\n").0
        #expect(codebook.themes[0].color == "#00ff00")
        #expect(errorLines(csvDiagnostics("name,color\nA,green\n")) == [
            "cb.csv:2: error: invalid colour 'green' for theme 'a': use #RRGGBB, e.g. \"#C0392B\"",
        ])
        #expect(errorLines(csvDiagnostics("name,color,colour\nA,,\n")) == ["cb.csv:1: error: ambiguous: both 'color' and 'colour' columns"])
    }

    @Test func headerProblems() {
        #expect(errorLines(csvDiagnostics("name,other,path\na,b,c\n")) == [
            "cb.csv:1: error: ambiguous: both 'name' and 'path' columns — not sure which column to use for the theme name",
        ])
        #expect(errorLines(csvDiagnostics("tag,name,path\na,b,c\n")) == [
            "cb.csv:1: error: ambiguous: 'tag', 'name' and 'path' columns — not sure which column to use for the theme name",
        ])
        #expect(errorLines(csvDiagnostics("col1,col2\na,b\n")) == ["cb.csv:1: error: no 'tag', 'name' or 'path' column"])
        #expect(errorLines(csvDiagnostics("name,Name\na,b\n")) == ["cb.csv:1: error: duplicate column 'name'"])
        #expect(errorLines(csvDiagnostics("")) == ["cb.csv: error: the CSV codebook is empty: expected a header row such as 'name,description'"])
        #expect(errorLines(csvDiagnostics("\n\n,,\n")) == ["cb.csv: error: the CSV codebook is empty: expected a header row such as 'name,description'"])
    }

    @Test func rowProblems() {
        #expect(errorLines(csvDiagnostics("name,description\n,orphan description\n")) == [
            "cb.csv:2: error: row has no theme name in column 'name'",
        ])
        #expect(errorLines(csvDiagnostics("name,description\nA,\"never closed\nB,x\n")) == [
            "cb.csv:2: error: unterminated quoted field: a '\"' is never closed",
        ])
        #expect(warningLines(csvDiagnostics("name,description\nA,d,extra\n")).first
                == "cb.csv:2: warning: row has 3 fields but the header has 2: the extra fields are ignored")
    }

    @Test func blankRowsAreSkipped() throws {
        let codebook = try load("\n\nname\n\n , \nA\n,\n\nB\n").0
        #expect(codebook.themes.map(\.id) == ["a", "b"])
        #expect(codebook.themes.map(\.line) == [6, 9])
    }

    @Test func notUTF8IsReadAsWindows1252() throws {
        var data = Data("name,description\nPeur,".utf8)
        data.append(contentsOf: [0xE9, 0x6C, 0x61, 0x6E])  // "élan" in Windows-1252
        data.append(contentsOf: Array("\n".utf8))
        let (codebook, diagnostics) = try CodebookLoader.parseCSV(data, path: "w.csv")
        #expect(codebook.themes[0].definition == "élan")
        #expect(warningLines(diagnostics).contains("w.csv: warning: the file is not UTF-8 text: read as Windows-1252"))
    }
}

@Suite struct CSVRecordsTests {
    @Test func fields() throws {
        let table = try CSVRecords("a,\"b,c\",\"d\"\"e\"\n\"x\ny\",,z")
        #expect(table.records.map(\.fields) == [["a", "b,c", "d\"e"], ["x\ny", "", "z"]])
        #expect(table.records.map(\.line) == [1, 2])
        #expect(table.separator == ",")
    }

    @Test func separators() throws {
        #expect(try CSVRecords("a;b;c\n1;2;3").separator == ";")
        #expect(try CSVRecords("a\tb\n1\t2").separator == "\t")
        #expect(try CSVRecords("\"a;b\",c\n").separator == ",")
        #expect(try CSVRecords("single\n").separator == ",")
    }

    @Test func lineEnds() throws {
        #expect(try CSVRecords("a\rb\r\nc\nd").records.map(\.line) == [1, 2, 3, 4])
        #expect(try CSVRecords("\"a\r\nb\"\nc").records.map(\.line) == [1, 3])
    }

    @Test func quoteInsideAFieldIsKept() throws {
        #expect(try CSVRecords("5\" screen,b\n").records[0].fields == ["5\" screen", "b"])
    }
}

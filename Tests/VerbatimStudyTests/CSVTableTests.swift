import Foundation
import Testing
import VerbatimModel
import VerbatimIngest
@testable import VerbatimStudy

/// The attribute tables and the CSV codebooks share one CSV reader (`CSVRecords`).
struct CSVTableTests {
    @Test func semicolonsInsideQuotesDoNotChooseTheSeparator() throws {
        let text = "document,\"remarque; avec; des points-virgules\"\nS01-lyon,\"oui; non\"\n"
        let table = try CSVTable.parse(Data(text.utf8), path: "cases.csv")
        #expect(table.header == ["document", "remarque; avec; des points-virgules"])
        #expect(table.rows.map(\.fields) == [["S01-lyon", "oui; non"]])
    }

    @Test func frenchSpreadsheetsUseSemicolons() throws {
        let text = "\u{FEFF}document;groupe;contexte\r\nS01;senior;\"rural, isolé\"\r\n\r\nS02;volontaire;urbain\r\n"
        let table = try CSVTable.parse(Data(text.utf8), path: "cases.csv")
        #expect(table.header == ["document", "groupe", "contexte"])
        #expect(table.rows.map(\.fields) == [["S01", "senior", "rural, isolé"], ["S02", "volontaire", "urbain"]])
        #expect(table.rows.map(\.line) == [2, 4])
    }

    @Test func anUnclosedQuoteNamesItsLine() throws {
        let text = "document,groupe\nS01,\"senior\nS02,volontaire\n"
        #expect(throws: IngestError("cases.csv", line: 2, "unterminated quoted field")) {
            try CSVTable.parse(Data(text.utf8), path: "cases.csv")
        }
    }

    @Test func quotedFieldsKeepLineBreaksAndCountLines() throws {
        let records = try CSVRecords("a,b\n\"x\ny\",z\nlast,row\n")
        #expect(records.separator == ",")
        #expect(records.records.map(\.fields) == [["a", "b"], ["x\ny", "z"], ["last", "row"]])
        #expect(records.records.map(\.line) == [1, 2, 4])
    }
}

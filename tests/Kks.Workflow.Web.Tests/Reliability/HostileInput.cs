using System.Text;

namespace Kks.Workflow.Web.Tests.Reliability;

/// <summary>
/// Seeded generators of hostile input for the fuzz tests: BPMN files (malformed, XXE, entity expansion, deep, huge),
/// expressions, JSON bodies and file names. The same seed gives the same cases, so a failure can be replayed.
/// </summary>
internal static class HostileInput
{
    public const string ValidModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://kks">
          <bpmn:process id="fuzz" name="Uji fuzz" isExecutable="true">
            <bpmn:startEvent id="mulai" />
            <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="isi" />
            <bpmn:userTask id="isi" name="Isi ${opd}" camunda:candidateGroups="${opd}" camunda:dueDate="${addWorkingDays(now(), 3)}" />
            <bpmn:sequenceFlow id="f2" sourceRef="isi" targetRef="pilih" />
            <bpmn:exclusiveGateway id="pilih" default="f4" />
            <bpmn:sequenceFlow id="f3" sourceRef="pilih" targetRef="tunggu"><bpmn:conditionExpression>${nilai &gt; 50}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f4" sourceRef="pilih" targetRef="selesai" />
            <bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="tunggu" targetRef="selesai" />
            <bpmn:endEvent id="selesai" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private const string Root = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"http://kks\">";

    /// <summary>One hostile BPMN document and what kind of attack it is.</summary>
    public static (string Kind, string Xml) Bpmn(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return ("truncated", ValidModel[..random.Next(0, ValidModel.Length)]);
            case 1:
                return ("mutated", Mutate(random, ValidModel, random.Next(1, 8)));
            case 2:
                var target = random.Next(3) switch { 0 => "file:///etc/passwd", 1 => "http://127.0.0.1:1/x", _ => "/proc/self/environ" };
                return ("xxe", Head + $"<!DOCTYPE d [<!ENTITY x SYSTEM \"{target}\">]>" + ValidModel[Head.Length..].Replace("Uji fuzz", "&x;", StringComparison.Ordinal));
            case 3:
                return ("entity-expansion", BillionLaughs(random.Next(3, 11)));
            case 4:
                return ("deep-subprocess", DeepSubProcess(random.Next(50, 3000)));
            case 5:
                return ("deep-elements", Head + Root + "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:extensionElements>" +
                    string.Concat(Enumerable.Repeat("<x>", random.Next(200, 20_000))) + "</bpmn:extensionElements></bpmn:process></bpmn:definitions>");
            case 6:
                var size = random.Next(1, 4) * 1024 * 1024;
                return ("huge-attribute", ValidModel.Replace("Uji fuzz", new string('a', size), StringComparison.Ordinal));
            case 7:
                return ("hostile-expression", ValidModel.Replace("${nilai &gt; 50}", System.Security.SecurityElement.Escape(Expression(random))!, StringComparison.Ordinal)
                    .Replace("${opd}\" camunda:dueDate", System.Security.SecurityElement.Escape(Expression(random)) + "\" camunda:dueDate", StringComparison.Ordinal));
            case 8:
                return ("many-nodes", Head + Root + "<bpmn:process id=\"p\" isExecutable=\"true\">" +
                    string.Concat(Enumerable.Range(0, random.Next(1_000, 30_000)).Select(i => "<bpmn:task id=\"t" + i + "\"/>")) + "</bpmn:process></bpmn:definitions>");
            default:
                return ("not-bpmn", random.Next(5) switch
                {
                    0 => "",
                    1 => "{\"bpmn\": true}",
                    2 => "\uFEFF",
                    3 => "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
                    _ => "<html><body>" + new string('x', random.Next(1, 1000)) + "</body></html>",
                });
        }
    }

    private static string Mutate(Random random, string text, int edits)
    {
        var builder = new StringBuilder(text);
        string[] pieces = ["<", ">", "&", "\"", "'", "\0", "\uFFFF", "\uD800", "]]>", "<!--", "&#0;", "&#xFFFE;", "</bpmn:process>", "<bpmn:process id=\"fuzz\">", "xmlns:bpmn=\"x\"", " id=\"\"", "${", "}"];
        for (var i = 0; i < edits && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(at, pieces[random.Next(pieces.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(random.Next(1, 40), builder.Length - at));
                    break;
                default:
                    builder[at] = (char)random.Next(0, 0x3000);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string BillionLaughs(int levels)
    {
        var dtd = new StringBuilder("<!DOCTYPE d [<!ENTITY l0 \"lol\">");
        for (var i = 1; i <= levels; i++)
        {
            dtd.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        dtd.Append("]>");
        return Head + dtd + ValidModel[Head.Length..].Replace("Uji fuzz", $"&l{levels};", StringComparison.Ordinal);
    }

    private static string DeepSubProcess(int depth)
    {
        var open = string.Concat(Enumerable.Range(0, depth).Select(i => $"<bpmn:subProcess id=\"s{i}\"><bpmn:startEvent id=\"st{i}\"/>"));
        var close = string.Concat(Enumerable.Repeat("</bpmn:subProcess>", depth));
        return Head + Root + "<bpmn:process id=\"deep\" isExecutable=\"true\"><bpmn:startEvent id=\"a\"/>" + open + close + "</bpmn:process></bpmn:definitions>";
    }

    private static readonly string[] ExpressionTokens =
    [
        "x", "s", "list", "nothing", "nope", "a.b", "x.y.z", "list[0]", "list[99]", "s[1]", "1", "0", "-1", "1.5e308", "9223372036854775807",
        "9999999999999999999999", "\"teks\"", "'kutip'", "\"\\u0000\"", "true", "false", "null", "+", "-", "*", "/", "%", "div", "mod",
        "==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or", "not", "!", "empty", "?", ":", ".", "[", "]", "(", ")", ",", "${", "}",
        "now()", "today()", "date(", "addWorkingDays(", "workingDaysBetween(", "daysBetween(", "addDuration(", "subtractDuration(", "format(",
        "concat(", "contains(", "size(", "isEmpty(", "lower(", "upper(", "x.size()", "s.contains(", "'P1D'", "'PT-1H'", "'P99999999Y'", "'2023-02-30'",
    ];

    /// <summary>A random expression text: token soup, deep nesting, huge literals or unterminated pieces.</summary>
    public static string Expression(Random random) => random.Next(8) switch
    {
        0 => "${" + new string('(', random.Next(100, 50_000)) + "1" + new string(')', random.Next(0, 50_000)) + "}",
        1 => "${'" + new string('z', random.Next(1, 2_000_000)) + "'}",
        2 => "${" + string.Concat(Enumerable.Repeat("x + ", random.Next(100, 20_000))) + "1}",
        3 => "${" + string.Concat(Enumerable.Repeat("a.", random.Next(100, 20_000))) + "b}",
        4 => string.Concat(Enumerable.Range(0, random.Next(1, 200)).Select(_ => "${x}#{" + (random.Next(2) == 0 ? "" : "}"))),
        5 or 6 => "${" + Grammar(random, 0) + "}",
        _ => "${" + string.Join(' ', Enumerable.Range(0, random.Next(1, 30)).Select(_ => ExpressionTokens[random.Next(ExpressionTokens.Length)])) + (random.Next(6) == 0 ? "" : "}"),
    };

    private static readonly string[] Operands = ["x", "s", "nothing", "flag", "nope", "1", "0", "-1", "2.5", "9223372036854775807", "'teks'", "''", "true", "null", "'P1D'", "'2023-02-30'", "'2023-03-24'", "now()", "today()"];

    private static readonly string[] Operators = ["+", "-", "*", "/", "%", "div", "mod", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or"];

    private static readonly string[] Functions = ["date", "addWorkingDays", "workingDaysBetween", "daysBetween", "addDuration", "subtractDuration", "format", "concat", "contains", "size", "isEmpty", "lower", "upper"];

    /// <summary>A well-formed expression of random operands, operators and functions: it parses, so evaluation gets exercised (type errors, unknown variables, overflow).</summary>
    private static string Grammar(Random random, int depth) => (depth > 4 ? 0 : random.Next(6)) switch
    {
        0 or 1 => Operands[random.Next(Operands.Length)],
        2 => Grammar(random, depth + 1) + " " + Operators[random.Next(Operators.Length)] + " " + Grammar(random, depth + 1),
        3 => Functions[random.Next(Functions.Length)] + "(" + string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Grammar(random, depth + 1))) + ")",
        4 => (random.Next(2) == 0 ? "not " : "empty ") + Grammar(random, depth + 1),
        _ => Grammar(random, depth + 1) + " ? " + Grammar(random, depth + 1) + " : " + Grammar(random, depth + 1),
    };

    /// <summary>Hostile JSON bodies (as bytes: some are not UTF-8) for any endpoint that reads one.</summary>
    public static IEnumerable<(string Kind, byte[] Body)> JsonBodies(Random random, string[] members)
    {
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        yield return ("empty-object", Utf8("{}"));
        yield return ("array", Utf8("[1,2,3]"));
        yield return ("string", Utf8("\"teks\""));
        yield return ("number", Utf8("12345678901234567890"));
        yield return ("null", Utf8("null"));
        yield return ("malformed", Utf8("{\"a\": [1, 2,, }"));
        yield return ("truncated", Utf8("{\"variables\": {\"x\": {\"value\": "));
        yield return ("invalid-utf8", [.. Utf8("{\"userId\": \""), 0xC3, 0x28, 0xFF, 0xFE, .. Utf8("\", \"variables\": {}}")]);
        yield return ("deep-nesting", Utf8(new string('[', 100_000) + new string(']', 100_000)));
        yield return ("deep-objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return ("unknown-variable-type", Utf8("{\"variables\": {\"x\": {\"value\": \"${nope.size()}\", \"type\": \"JavaSerializedObject\"}}, \"processVariables\": {\"y\": {\"value\": 1, \"type\": \"Jenis\"}}}"));
        yield return ("unknown-variables", Utf8("{\"variables\": {\"" + new string('v', 5000) + "\": {\"value\": null}, \"\": {\"value\": 1}, \"${x}\": {\"value\": \"#{nope}\"}}}"));
        yield return ("variable-wrong-shape", Utf8("{\"variables\": {\"x\": 5, \"y\": [1], \"z\": {\"value\": {\"deep\": [1, {\"a\": null}]}, \"type\": \"Integer\"}}}"));
        foreach (var member in members)
        {
            var wrong = random.Next(6) switch
            {
                0 => "12345",
                1 => "[\"a\", 1, null]",
                2 => "{\"nested\": {\"value\": 1}}",
                3 => "true",
                4 => "\"" + new string('\u202E', 3) + "../" + new string('x', 10_000) + "\"",
                _ => "-1.5e400",
            };
            yield return ("wrong-type:" + member, Utf8($"{{\"{member}\": {wrong}}}"));
            var inner = members[random.Next(members.Length)];
            yield return ("wrong-nested:" + member + "." + inner, Utf8($"{{\"{member}\": [{{\"{inner}\": {wrong}}}, {{\"{inner}\": \"x\"}}, 1, \"s\", null, []], \"{inner}\": {{\"{member}\": [{wrong}]}}}}"));
        }
    }

    /// <summary>Member names the endpoints read, each sent with a wrong type.</summary>
    public static readonly string[] Members =
    [
        "variables", "processVariables", "modifications", "deletions", "value", "type", "userId", "assignee", "owner", "name", "description",
        "due", "followUp", "priority", "messageName", "businessKey", "processInstanceId", "all", "resultEnabled", "workerId", "maxTasks",
        "topics", "lockDuration", "asyncResponseTimeout", "retries", "retryTimeout", "errorMessage", "errorCode", "newDuration",
        "withVariablesInReturn", "message", "sorting", "firstResult", "maxResults", "processDefinitionKey", "taskDefinitionKey",
        "candidateGroup", "xml", "schema", "nama", "kode", "tahun", "instrumenId", "email", "aktif", "tanggal", "alasan", "policy",
        "steps", "workingDaysFromDue", "audience", "template", "processInstanceIds", "skipCustomListeners", "tenantId", "deploymentId",
        "share", "score", "status", "catatan", "indikator", "opd", "role", "title", "form", "components", "id", "key", "kind", "date",
    ];

    /// <summary>File names an attacker would try: traversal, NUL, control and bidi characters, reserved names, very long.</summary>
    public static readonly string[] FileNames =
    [
        "../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/shadow.pdf", "bukti\0.exe.pdf", "laporan\u202Efdp.exe",
        "laporan\u202Egpj.pdf", new string('a', 5000) + ".pdf", "CON.pdf", "....pdf", ".htaccess", "", " ", "\t\r\n.pdf",
        "<script>alert(1)</script>.pdf", "bukti\";x=\"y.pdf", "%2e%2e%2fbukti.pdf", "b\u0007\u001b[31mukti.pdf", "\uFEFFbukti.pdf",
    ];
}

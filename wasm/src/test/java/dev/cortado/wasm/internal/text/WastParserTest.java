package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastAction;
import dev.cortado.wasm.internal.wast.WastCommand;
import dev.cortado.wasm.internal.wast.WastCommand.ModuleCommand;
import dev.cortado.wasm.internal.wast.WastValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastParserTest {
  private static WastCommand single(String script) {
    List<WastCommand> commands = WastParser.parse(script);
    assertThat(commands).hasSize(1);
    return commands.getFirst();
  }

  @Test
  void textModulesAreKeptAsTheirExactSource() {
    String script = ";; comment\n(module $M\n  (func (export \"f\")) (; c ;))\n(module)";
    List<WastCommand> commands = WastParser.parse(script);
    assertThat(commands).hasSize(2);
    ModuleCommand m = (ModuleCommand) commands.getFirst();
    assertThat(m.line()).isEqualTo(2);
    assertThat(m.name()).isEqualTo("M");
    assertThat(m.definition()).isFalse();
    assertThat(m.source())
        .isEqualTo(new ModuleSource.Text("(module $M\n  (func (export \"f\")) (; c ;))", 2));
    assertThat(WatParser.parse(((ModuleSource.Text) m.source()).text()).names().moduleName())
        .isEqualTo("M");
  }

  @Test
  void moduleDefinitionsAndInstances() {
    List<WastCommand> commands =
        WastParser.parse(
            "(module definition $D (memory 1))\n(module instance $I $D)\n(module instance)");
    ModuleCommand d = (ModuleCommand) commands.get(0);
    assertThat(d.definition()).isTrue();
    assertThat(d.name()).isEqualTo("D");
    String text = ((ModuleSource.Text) d.source()).text();
    assertThat(text).isEqualTo("(module            $D (memory 1))");
    assertThat(WatParser.parse(text).memories()).hasSize(1);
    assertThat(commands.get(1)).isEqualTo(new WastCommand.ModuleInstanceCommand(2, "I", "D"));
    assertThat(commands.get(2)).isEqualTo(new WastCommand.ModuleInstanceCommand(3, null, null));
  }

  @Test
  void binaryAndQuotedModules() {
    ModuleCommand binary =
        (ModuleCommand) single("(module $B binary \"\\00asm\" \"\\01\\00\\00\\00\")");
    assertThat(binary.name()).isEqualTo("B");
    assertThat(((ModuleSource.Binary) binary.source()).bytes())
        .containsExactly(0, 'a', 's', 'm', 1, 0, 0, 0);
    ModuleCommand quote = (ModuleCommand) single("(module quote \"(func)\" \" (memory 1)\")");
    assertThat(quote.source()).isEqualTo(new ModuleSource.Quote("(func) (memory 1)"));
  }

  @Test
  void quotedBytesThatAreNotUtf8AreReportedByTheModuleParser() {
    ModuleCommand quote = (ModuleCommand) single("(module quote \"(func) \\ff\")");
    String text = ((ModuleSource.Quote) quote.source()).text();
    assertThatThrownBy(() -> WatParser.parse(text))
        .isInstanceOf(MalformedModuleException.class)
        .hasMessage("1:8: malformed UTF-8 encoding");
  }

  @Test
  void aScriptOfModuleFieldsIsOneModule() {
    String script = "(func) (memory 0) (func (export \"f\"))";
    assertThat(single(script))
        .isEqualTo(new ModuleCommand(1, null, new ModuleSource.Text(script, 1), false));
  }

  @Test
  void registerAndActions() {
    List<WastCommand> commands =
        WastParser.parse(
            "(register \"M\" $M)\n(register \"N\")\n(invoke $M \"f\" (i32.const 1))\n(get \"g\")");
    assertThat(commands)
        .containsExactly(
            new WastCommand.RegisterCommand(1, "M", "M"),
            new WastCommand.RegisterCommand(2, "N", null),
            new WastCommand.ActionCommand(
                3, new WastAction.Invoke("M", "f", List.of(new WastValue.I32(1)))),
            new WastCommand.ActionCommand(4, new WastAction.Get(null, "g")));
  }

  @Test
  void argumentValues() {
    WastCommand c =
        single(
            "(invoke \"f\" (i32.const -1) (i64.const 0xffff_ffff_ffff_ffff) (f32.const 1.5)"
                + " (f64.const -0x1p-1) (ref.null func) (ref.null extern) (ref.extern 7))");
    WastAction.Invoke invoke = (WastAction.Invoke) ((WastCommand.ActionCommand) c).action();
    assertThat(invoke.args())
        .containsExactly(
            new WastValue.I32(-1),
            new WastValue.I64(-1),
            new WastValue.F32(Float.floatToRawIntBits(1.5f)),
            new WastValue.F64(Double.doubleToRawLongBits(-0.5)),
            new WastValue.RefNull("func"),
            new WastValue.RefNull("extern"),
            new WastValue.RefExtern(7L));
  }

  @Test
  void resultPatterns() {
    WastCommand c =
        single(
            """
            (assert_return (invoke "f")
              (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1)
              (ref.extern) (ref.func) (either (i32.const 1) (i64.const 2))
              (v128.const i8x16 255 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 -128)
              (v128.const f32x4 nan:canonical 1 -0 inf)
              (ref.struct) (ref.null))
            """);
    WastCommand.AssertReturn r = (WastCommand.AssertReturn) c;
    assertThat(r.expected())
        .startsWith(
            new WastValue.NanPattern(ValType.F32, true),
            new WastValue.NanPattern(ValType.F64, false),
            new WastValue.F32(0xff800001),
            new WastValue.RefExtern(null),
            new WastValue.RefFunc(),
            new WastValue.Either(List.of(new WastValue.I32(1), new WastValue.I64(2))));
    WastValue.V128 bytes = (WastValue.V128) r.expected().get(6);
    assertThat(bytes.shape()).isEqualTo("i8x16");
    assertThat(bytes.lanes()).hasSize(16).startsWith(new WastValue.I32(-1), new WastValue.I32(-1));
    WastValue.V128 floats = (WastValue.V128) r.expected().get(7);
    assertThat(floats.lanes())
        .containsExactly(
            new WastValue.NanPattern(ValType.F32, true),
            new WastValue.F32(0x3f800000),
            new WastValue.F32(0x80000000),
            new WastValue.F32(0x7f800000));
    assertThat(r.expected().subList(8, 10))
        .containsExactly(
            new WastValue.Unsupported("ref.struct"), new WastValue.Unsupported("ref.null"));
  }

  @Test
  void assertions() {
    List<WastCommand> commands =
        WastParser.parse(
            """
            (assert_trap (invoke "f") "unreachable")
            (assert_trap (module (func unreachable) (start 0)) "unreachable")
            (assert_exhaustion (invoke "f") "call stack exhausted")
            (assert_exception (invoke "f"))
            (assert_malformed (module quote "(func") "unexpected token")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_unlinkable (module (import "m" "f" (func))) "unknown import")
            """);
    WastAction.Invoke f = new WastAction.Invoke(null, "f", List.of());
    assertThat(commands.get(0)).isEqualTo(new WastCommand.AssertTrap(1, f, null, "unreachable"));
    WastCommand.AssertTrap trap = (WastCommand.AssertTrap) commands.get(1);
    assertThat(trap.action()).isNull();
    assertThat(trap.module().source())
        .isEqualTo(new ModuleSource.Text("(module (func unreachable) (start 0))", 2));
    assertThat(commands.get(2))
        .isEqualTo(new WastCommand.AssertExhaustion(3, f, "call stack exhausted"));
    assertThat(commands.get(3)).isEqualTo(new WastCommand.AssertException(4, f));
    WastCommand.AssertMalformed malformed = (WastCommand.AssertMalformed) commands.get(4);
    assertThat(malformed.message()).isEqualTo("unexpected token");
    assertThat(malformed.module().source()).isEqualTo(new ModuleSource.Quote("(func"));
    assertThat(((WastCommand.AssertInvalid) commands.get(5)).message()).isEqualTo("type mismatch");
    assertThat(((WastCommand.AssertUnlinkable) commands.get(6)).module().line()).isEqualTo(7);
  }

  @Test
  void unknownCommandsAreUnsupportedEntries() {
    List<WastCommand> commands =
        WastParser.parse(
            """
            (thread $T (shared (module $M)) (invoke "f"))
            (wait $T)
            (assert_return_canonical_nan (invoke "f"))
            (assert_malformed_custom (module quote "") "x")
            (module)
            """);
    assertThat(commands)
        .containsExactly(
            new WastCommand.Unsupported(1, "thread"),
            new WastCommand.Unsupported(2, "wait"),
            new WastCommand.Unsupported(3, "assert_return_canonical_nan"),
            new WastCommand.Unsupported(4, "assert_malformed_custom"),
            new ModuleCommand(5, null, new ModuleSource.Text("(module)", 5), false));
  }

  @Test
  void scriptStructureErrorsHaveAPosition() {
    assertThatThrownBy(() -> WastParser.parse("(module\n  (func)"))
        .isInstanceOf(MalformedModuleException.class)
        .hasMessage("1:1: unclosed parenthesis");
    assertThatThrownBy(
            () -> WastParser.parse("(assert_return (invoke \"f\")\n (i32.const 0x1_0000_0000))"))
        .isInstanceOf(MalformedModuleException.class)
        .hasMessage("2:13: constant out of range");
    assertThatThrownBy(() -> WastParser.parse("(invoke \"f\" (i32.const))"))
        .hasMessage("1:23: unexpected token ')'");
    assertThatThrownBy(() -> WastParser.parse("(module) junk"))
        .hasMessage("1:10: unknown operator junk");
    assertThatThrownBy(
            () -> WastParser.parse("(assert_return (invoke \"f\" (v128.const i32x4 1)))"))
        .hasMessage("1:40: wrong number of lane literals");
  }
}

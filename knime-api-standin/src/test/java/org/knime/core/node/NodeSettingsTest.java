package org.knime.core.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** The stand-in's settings behave like KNIME's: typed entries, arrays, XML, SettingsModel internals. */
class NodeSettingsTest {

    @Test
    void typedEntriesAndArraysSurviveXml() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addInt("k", 5);
        s.addLong("seed", 1L << 40);
        s.addDouble("t", 0.7);
        s.addBoolean("b", true);
        s.addString("text", "a \"quoted\" <value>\nwith newline");
        s.addString("none", null);
        s.addStringArray("cols", "x", "y");
        s.addNodeSettings("child").addInt("inner", 3);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("<entry key=\"k\" type=\"xint\" value=\"5\"/>"), xml);
        NodeSettingsRO back = NodeSettings.loadFromXML(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(s, back);
        assertEquals(5, back.getInt("k"));
        assertEquals(1L << 40, back.getLong("seed"));
        assertEquals("a \"quoted\" <value>\nwith newline", back.getString("text"));
        assertNull(back.getString("none"));
        assertArrayEquals(new String[] {"x", "y"}, back.getStringArray("cols"));
        assertEquals(3, back.getNodeSettings("child").getInt("inner"));
        assertThrows(InvalidSettingsException.class, () -> back.getInt("seed"), "type mismatch");
        assertThrows(InvalidSettingsException.class, () -> back.getInt("absent"));
    }

    @Test
    void settingsModelsWriteValueAndInternals() throws Exception {
        SettingsModelIntegerBounded k = new SettingsModelIntegerBounded("k", 5, 1, 9);
        SettingsModelString name = new SettingsModelString("name", "x");
        NodeSettings s = new NodeSettings("model");
        k.saveSettingsTo(s);
        name.saveSettingsTo(s);
        assertEquals("SMID_integer", s.getNodeSettings("k_Internals").getString("SettingsModelID"));

        s.addInt("k", 12);
        assertThrows(InvalidSettingsException.class, () -> k.validateSettings(s));
        assertThrows(InvalidSettingsException.class, () -> k.loadSettingsFrom(s));
        assertEquals(5, k.getIntValue());
        s.addInt("k", 7);
        k.loadSettingsFrom(s);
        assertEquals(7, k.getIntValue());
    }

    @Test
    void subProgressMapsOntoParentSlice() throws Exception {
        DefaultNodeProgressMonitor monitor = new DefaultNodeProgressMonitor();
        ExecutionMonitor exec = new ExecutionMonitor(monitor);
        exec.setProgress(0.2);
        ExecutionMonitor sub = exec.createSubProgress(0.5);
        sub.setProgress(0.5, "half");
        assertEquals(0.45, monitor.getProgress(), 1e-12);
        assertEquals("half", monitor.getMessage());
        monitor.setExecuteCanceled();
        assertThrows(CanceledExecutionException.class, sub::checkCanceled);
    }
}

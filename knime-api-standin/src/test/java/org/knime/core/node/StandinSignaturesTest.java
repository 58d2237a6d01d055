package org.knime.core.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Drift checks of the stand-in against the KNIME 5.5 facts in shared/knime-api.md (§0.1, §1.10,
 * §6): final-ness, visibility, checked exceptions, and the absence of post-5.4 members.
 */
class StandinSignaturesTest {

    private static Class<?> cls(String name) throws ClassNotFoundException {
        return Class.forName("org.knime.core." + name);
    }

    @Test
    void finalClassesAreFinalAndTheOthersAreNot() throws Exception {
        for (String name : List.of("node.BufferedDataTable", "node.NodeLogger", "node.NodeSettings",
            "data.DataTableSpec", "data.DataColumnSpec", "data.DataColumnSpecCreator", "data.DataType", "data.RowKey",
            "data.def.StringCell", "data.def.DoubleCell", "data.def.BooleanCell", "data.MissingCell",
            "node.port.PortType", "node.port.PortTypeRegistry", "node.workflow.FlowVariable",
            "node.defaultnodesettings.DialogComponentBoolean", "node.defaultnodesettings.DialogComponentString",
            "node.defaultnodesettings.DialogComponentStringSelection")) {
            assertTrue(Modifier.isFinal(cls(name).getModifiers()), name + " is final in KNIME");
        }
        for (String name : List.of("data.def.IntCell", "data.def.LongCell", "data.def.DefaultRow",
            "node.BufferedDataContainer", "data.container.DataContainer", "node.ExecutionContext",
            "node.ExecutionMonitor", "node.defaultnodesettings.SettingsModelString",
            "node.defaultnodesettings.SettingsModelIntegerBounded", "node.defaultnodesettings.DialogComponentNumber",
            "node.defaultnodesettings.DialogComponentColumnNameSelection")) {
            assertFalse(Modifier.isFinal(cls(name).getModifiers()), name + " is not final in KNIME");
        }
    }

    @Test
    void frameworkOnlyConstructorsAreNotPublic() throws Exception {
        for (String name : List.of("data.def.BooleanCell", "node.BufferedDataContainer", "node.BufferedDataTable",
            "node.port.PortObjectZipInputStream", "node.port.PortObjectZipOutputStream",
            "node.port.PortObjectSpecZipInputStream", "node.port.PortObjectSpecZipOutputStream")) {
            for (Constructor<?> c : cls(name).getDeclaredConstructors()) {
                assertFalse(Modifier.isPublic(c.getModifiers()), c + " must not be public");
            }
        }
    }

    @Test
    void dialogLoadAndSaveArePublicFinal() throws Exception {
        Method save = DefaultNodeSettingsPane.class.getMethod("saveSettingsTo", NodeSettingsWO.class);
        Method load = DefaultNodeSettingsPane.class.getMethod("loadSettingsFrom", NodeSettingsRO.class,
            PortObjectSpec[].class);
        for (Method m : List.of(save, load)) {
            assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isFinal(m.getModifiers()), m.toString());
        }
        assertArrayEquals(new Class<?>[] {InvalidSettingsException.class}, save.getExceptionTypes());
        assertArrayEquals(new Class<?>[] {NotConfigurableException.class}, load.getExceptionTypes());
    }

    @Test
    void nodeModelMembersHaveKnimesModifiersAndExceptions() throws Exception {
        Method logger = NodeModel.class.getDeclaredMethod("getLogger");
        assertTrue(Modifier.isProtected(logger.getModifiers()) && Modifier.isFinal(logger.getModifiers()));
        Method execute = NodeModel.class.getDeclaredMethod("execute", PortObject[].class, ExecutionContext.class);
        assertArrayEquals(new Class<?>[] {Exception.class}, execute.getExceptionTypes());
        Method load = NodeModel.class.getDeclaredMethod("loadInternals", File.class, ExecutionMonitor.class);
        assertEquals(List.of(IOException.class, CanceledExecutionException.class),
            Arrays.asList(load.getExceptionTypes()));
        Method configure = NodeModel.class.getDeclaredMethod("configure", DataTableSpec[].class);
        assertArrayEquals(new Class<?>[] {InvalidSettingsException.class}, configure.getExceptionTypes());
        Method configName = SettingsModel.class.getDeclaredMethod("getConfigName");
        assertTrue(Modifier.isProtected(configName.getModifiers()) && Modifier.isAbstract(configName.getModifiers()));
        assertTrue(Modifier.isPublic(SettingsModelBoolean.class.getDeclaredMethod("getConfigName").getModifiers()));
        assertEquals("org.knime.core.node", InvalidSettingsException.class.getPackageName());
    }

    @Test
    void membersAddedAfterKnime54AreAbsent() throws Exception {
        assertThrows(NoSuchMethodException.class,
            () -> ExecutionMonitor.class.getMethod("createNonCancelableSubProgress"));
        assertThrows(NoSuchMethodException.class, () -> cls("data.DataType").getMethod("getIdentifier"));
        assertEquals(2, CanceledExecutionException.class.getConstructors().length, "() and (String) only");
        // KNIME 5.5's new supertypes are declared (so the type hierarchy is KNIME 5.5's), but empty.
        assertEquals(0, Class.forName("org.knime.core.data.convert.map.IdentifiableType").getMethods().length,
            "getIdentifier() is 5.5-only");
        assertThrows(NoSuchMethodException.class, () -> CanceledExecutionException.class.getMethod("getKNIMEMessage"));
    }
}

package org.annotationlab.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read strictly, the same way in every service. Each of these is a 400 naming
 * the field (ProblemMapper), never a silent guess:
 * <ul>
 *   <li>text after the JSON value, and a key given twice;</li>
 *   <li>a float or a string where an integer is expected (2.5 or "0" for an offset), a string where a
 *       number or a boolean is expected;</li>
 *   <li>a number too large for a double (1e309, which would be stored as Infinity; request
 *       bodies use {@code Double});</li>
 *   <li>a string holding a NUL character, which PostgreSQL cannot store.</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("strict-json");
        module.addDeserializer(String.class, new NoNulString());
        module.addDeserializer(Double.class, new FiniteDouble());
        mapper.registerModule(module);
    }

    /** A string without NUL characters. */
    static final class NoNulString extends StdScalarDeserializer<String> {
        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "contains a NUL character");
            }
            return value;
        }
    }

    /** A number that fits a double: 1e309 is refused rather than read as Infinity. */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {
        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT && p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Double) context.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                return (Double) context.handleWeirdNumberValue(Double.class, value, "out of range");
            }
            return value;
        }
    }
}

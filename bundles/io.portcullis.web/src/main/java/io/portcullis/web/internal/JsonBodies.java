package io.portcullis.web.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.portcullis.web.ProblemException;
import java.io.IOException;
import java.util.List;

/**
 * Binds request bodies. Jackson's messages quote the input, so every detail is built here from the
 * error's location or field path alone: the client's data is never echoed back or logged.
 */
final class JsonBodies {

    private static final int MAX_NAME = 64;

    private JsonBodies() {}

    /**
     * Every body of the API is an object: {@code null} would reach the handler as a null record (a
     * 500), and an array or a scalar means nothing to any route, so the top level is checked first.
     */
    static <T> T bind(byte[] body, Class<T> type) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("The request body must be a JSON object.");
            }
            return Json.MAPPER.readValue(parser, type);
        } catch (StreamReadException e) {
            if (isDuplicateKey(e)) {
                throw ProblemException.badRequest(
                        "Request body has a duplicate field" + location(e.getLocation()) + ".");
            }
            throw ProblemException.badRequest("Request body is not valid JSON" + location(e.getLocation()) + ".");
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("Request body has an unknown field '" + path(e.getPath()) + "'.");
        } catch (DatabindException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem; // a record's constructor refused the value in its own words
            }
            String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
            throw ProblemException.badRequest(
                    path.isEmpty()
                            ? "Request body does not have the expected structure."
                            : "Request body field '" + path + "' is missing, of the wrong type or invalid.");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("Request body is not valid JSON.");
        } catch (IOException e) {
            throw ProblemException.badRequest("Request body could not be read.");
        }
    }

    /** Jackson has no type of its own for it; its message names the key, so only the prefix is read. */
    private static boolean isDuplicateKey(StreamReadException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** {@code items[2].name}: field names are the client's, so only identifier characters survive. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            String name = reference.getFieldName();
            if (name != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(safeName(name));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_$-]", "?");
        return safe.length() > MAX_NAME ? safe.substring(0, MAX_NAME) + "..." : safe;
    }
}

"""How clients reach the chat: the WebSocket consumer and its wire protocol, the REST APIs, their
serializers and routes, and the built-in web page. Thin: each validates and calls `chat.services`."""
